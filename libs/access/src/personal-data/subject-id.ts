/**
 * A data subject's id: opaque, chosen by the investigators' case system or generated. It keys
 * the subject's key and its details in every event, so it must be a plain name: a letter or
 * digit, then up to 127 of letters, digits and `._:-`, and none of the names that reach an
 * object's prototype in JavaScript.
 */
export const SUBJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Names a plain JavaScript object treats as its prototype or constructor. */
export const RESERVED_SUBJECT_IDS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export const SUBJECT_ID_RULE = `1-128 characters of [A-Za-z0-9._:-], starting with a letter or digit, and none of ${[...RESERVED_SUBJECT_IDS].join(', ')}`;

export const isSubjectId = (value: unknown): value is string =>
  typeof value === 'string' && SUBJECT_ID_PATTERN.test(value) && !RESERVED_SUBJECT_IDS.has(value);

/**
 * Subject ids recorded before the rule above tightened (1-100 of [A-Za-z0-9._:-]): still
 * accepted where an existing subject is named (its erasure, the access log), never for new details.
 */
export const isRecordedSubjectId = (value: unknown): value is string =>
  isSubjectId(value) ||
  (typeof value === 'string' &&
    /^[A-Za-z0-9._:-]{1,100}$/.test(value) &&
    !RESERVED_SUBJECT_IDS.has(value));

export class InvalidSubjectIdError extends Error {
  override readonly name = 'InvalidSubjectIdError';
  constructor(readonly subjectId: string) {
    super(`a subject id must be ${SUBJECT_ID_RULE}`);
  }
}
