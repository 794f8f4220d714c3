/**
 * One command at a time per stream, in this process: a command waits for the one before it on
 * the same stream to be appended (or refused) before it reads the stream. Appends are queued
 * and committed in groups, so without it two commands on one stream would both decide on the
 * same revision and all but one would lose and decide again. Commands on other streams go on
 * meanwhile. Other processes are not held by it: their appends still show as stale revisions,
 * which the command path decides again on.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(streamId, tail);
    if (previous) await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }

  /** Streams with a command running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
