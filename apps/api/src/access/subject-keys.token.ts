/** The SubjectKeyStore: where subjects' keys are kept, apart from the events. */
export const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');
