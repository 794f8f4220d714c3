import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Where a command's new ids come from. Random UUIDv7 by default; seeded (deterministic) for a
 * request with an Idempotency-Key, so that a retry after a crash produces the same aggregate
 * and event ids and the store's idempotent append can recognise the first attempt.
 */
export class IdSource {
  private counter = 0;

  private constructor(private readonly seed?: { msecs: number; secret: string }) {}

  static random(): IdSource {
    return new IdSource();
  }

  static seeded(msecs: number, secret: string): IdSource {
    return new IdSource({ msecs, secret });
  }

  static newSeed(): { msecs: number; secret: string } {
    return { msecs: Date.now(), secret: randomBytes(16).toString('hex') };
  }

  /** A new id for an aggregate or an entity inside one (incident, finding, ...). */
  next(): string {
    return this.derive(`id:${this.counter++}`);
  }

  /** The id of the `index`-th event a command appends to `streamId`. */
  eventId(streamId: string, index: number): string {
    return this.derive(`event:${streamId}:${index}`);
  }

  private derive(label: string): string {
    if (!this.seed) return uuidv7();
    const digest = createHash('sha256').update(`${this.seed.secret}:${label}`).digest();
    return uuidv7({
      msecs: this.seed.msecs,
      seq: digest.readUInt32BE(16) >>> 1,
      random: digest.subarray(0, 16),
    });
  }
}
