/** A value now (an embedded store) or later (a store over the network). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where subjects' keys live, apart from the events. Erasing a subject destroys its key: every
 * ciphertext sealed under it becomes noise, while the events (and their hashes) stay as they
 * were recorded.
 */
export interface SubjectKeyStore {
  /** The subject's key, created on first use. Throws SubjectErasedError for an erased subject. */
  keyFor(subjectId: string): MaybePromise<Buffer>;
  /** The subject's key if it has one; 'erased' once erased; undefined if it never had one. */
  find(subjectId: string): MaybePromise<Buffer | 'erased' | undefined>;
  erase(erasure: SubjectErasure): MaybePromise<SubjectErasure>;
  erasureOf(subjectId: string): MaybePromise<SubjectErasure | undefined>;
}

export interface SubjectErasure {
  subjectId: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

export class SubjectErasedError extends Error {
  override readonly name = 'SubjectErasedError';
  constructor(readonly subjectId: string) {
    super(`subject ${subjectId} was erased; no new personal details are recorded for it`);
  }
}
