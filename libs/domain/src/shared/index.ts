export * from './command';
export * from './decider';
export * from './errors';
export * from './personal-data';
export * from './vocabulary';
export * from './input-rules';
