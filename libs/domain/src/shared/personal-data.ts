/**
 * Persons (commanders, victims, witnesses, individual personnel) are never stored as plain
 * names in event data. Event data refers to them by subject id; whatever personal details
 * the ledger must hold sit in one separate field, `personal`, keyed by subject id, so that
 * each subject's details can be encrypted with that subject's own key and erased by
 * destroying it.
 */
export type SubjectRole =
  | 'victim'
  | 'witness'
  | 'commander'
  | 'alleged_perpetrator'
  | 'individual_personnel'
  | 'investigator'
  | 'other';

export const SUBJECT_ROLES: readonly SubjectRole[] = [
  'victim',
  'witness',
  'commander',
  'alleged_perpetrator',
  'individual_personnel',
  'investigator',
  'other',
];

/** Free-form personal details of one subject (name, rank, service number, contact...). */
export type SubjectDetails = Record<string, string>;

/** The separate field of an event's data that holds personal details, keyed by subject id. */
export type PersonalData = Record<string, SubjectDetails>;

export interface SubjectReference {
  subjectId: string;
  role: SubjectRole;
}
