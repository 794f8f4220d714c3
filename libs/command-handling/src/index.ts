export * from './command-context';
export * from './command-path';
export * from './ledger-command';
export * from './handle-command';
export * from './fold-stream';
export * from './aggregate-reader';
export * from './access-scope-follower';
export * from './id-source';
export * from './stream-state-cache';
export * from './recording-clock';
export {
  incidentActRefusal,
  NotAssignedError,
  type IncidentAct,
  type IncidentResponsibility,
  type InvestigationCoverage,
} from './checks/investigator-assignment';
export { RecommendationFinder, type RecommendationLocator } from './checks/recommendation-finder';
export {
  AppointmentFinder,
  type AppointmentLocator,
  type FoundAppointment,
} from './checks/appointment-finder';
export {
  type PendingConsequenceLocator,
  type RefusedConsequence,
} from './consequences/consequence-recorder';
export { consequenceOf } from './consequences/decision-consequences';
