export * from './shared';
export * from './ledger-event';
export * from './mission/mission.events';
export * from './contingent/contingent.events';
export * from './incident/incident.events';
export * from './investigation/investigation.events';
export * from './decision/decision.events';
export * from './upcasting';
