import { Inject, Injectable } from '@nestjs/common';
import { IdSource } from '@blue-ledger/command-handling';
import { IDEMPOTENCY_SECRET, requestHash as keyedHash } from '../../../http/idempotency-secret';
import { IDEMPOTENCY_KEYS, type IdempotencyKeys } from '../../../http/idempotency.store';

/** A rendered form's own key: a UUID, written into the form as a hidden field. */
export const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a form's key already stands for. */
export type KeyState =
  { kind: 'new'; ids: IdSource } | { kind: 'done'; location: string } | { kind: 'in-flight' };

const WAIT_MS = 10_000;
const POLL_MS = 50;

/**
 * Each rendered form carries its own idempotency key, kept in the API's idempotency store (per
 * principal, under `form:<key>`): a double submit, a resubmit from the back button or a retry
 * after a lost connection finds the first answer and appends nothing. As with the API's
 * Idempotency-Key, the key reserves the seed of the command's ids before anything is written,
 * and a refusal (nothing written) frees it for the corrected form.
 */
@Injectable()
export class FormKeys {
  private readonly inFlight = new Set<string>();

  constructor(
    @Inject(IDEMPOTENCY_KEYS) private readonly store: IdempotencyKeys,
    @Inject(IDEMPOTENCY_SECRET) private readonly secret: Buffer,
  ) {}

  /**
   * What a submission held, as the API keeps it: HMAC-SHA-256 under the ledger's idempotency
   * secret (never a plain hash of personal details; see the API's Idempotency-Key).
   */
  requestHash(formId: string, params: object, values: object): string {
    return keyedHash(this.secret, 'FORM', formId, { params, values });
  }

  /**
   * Claims the key for this submission, or says what the first submission with it became. The
   * subject ids it names are kept with the key, so that erasing a subject forgets the key too.
   */
  async claim(
    principalId: string,
    key: string,
    requestHash: string,
    subjectIds: readonly string[],
  ): Promise<KeyState> {
    const slot = `${principalId}\u0000${key}`;
    const deadline = Date.now() + WAIT_MS;
    // A second click while the first is being written: wait for the first answer.
    while (this.inFlight.has(slot) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const existing = await this.store.find(principalId, `form:${key}`);
    if (existing?.status != null) {
      const answer = JSON.parse(existing.body ?? '{}') as { location?: string };
      return { kind: 'done', location: answer.location ?? '/ui' };
    }
    if (this.inFlight.has(slot)) return { kind: 'in-flight' };
    // A reservation left by a submission that failed unexpectedly (it may have written) keeps
    // its seed, so that whatever it wrote is found again rather than written twice. On
    // PostgreSQL another instance may reserve the key first: the record that stands gives the
    // seed, so both submissions carry the same ids and the store appends once.
    const standing =
      existing ??
      (await this.store.reserve(
        principalId,
        `form:${key}`,
        requestHash,
        IdSource.newSeed(),
        subjectIds,
      ));
    this.inFlight.add(slot);
    return { kind: 'new', ids: IdSource.seeded(standing.seedMsecs, standing.seedSecret) };
  }

  /** The write is done: every later submission of this form goes to `location`. */
  async complete(principalId: string, key: string, location: string): Promise<void> {
    try {
      await this.store.complete(principalId, `form:${key}`, 303, { location });
    } finally {
      this.inFlight.delete(`${principalId}\u0000${key}`);
    }
  }

  /** Nothing was written: the key is free for the corrected form. */
  async release(principalId: string, key: string): Promise<void> {
    try {
      await this.store.release(principalId, `form:${key}`);
    } finally {
      this.inFlight.delete(`${principalId}\u0000${key}`);
    }
  }

  /** Something failed that may have written: keep the reservation (and its seed) for a retry. */
  abandon(principalId: string, key: string): void {
    this.inFlight.delete(`${principalId}\u0000${key}`);
  }
}
