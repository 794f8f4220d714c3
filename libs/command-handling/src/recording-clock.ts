/**
 * The clock the write path stamps `recordedAt` with: the wall clock, except that it never goes
 * back. If the wall clock is set back (NTP, a virtual machine resumed), stamps stay at the last
 * instant stamped until the wall clock passes it again.
 *
 * Why it matters: the record as known at an instant T is the fold of the global order up to the
 * last event recorded by T. That is a prefix of the global order only if `recordedAt` never
 * decreases along positions. The write path stamps each command's events in the same
 * synchronous step as it hashes and hands them to the store, so within one process the order of
 * stamps is the order of appends, and one clock per process makes the stamps non-decreasing
 * along that order. Across processes (two on one data directory, several API instances on
 * EventStoreDB) clocks and lock waits differ by a little; `resolveAsOf` in libs/projections is
 * exact whatever the stamps.
 */
export class RecordingClock {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly wallClock: () => number = Date.now) {}

  /** Now, as an ISO 8601 instant in UTC to the millisecond; never before the previous stamp. */
  stamp(): string {
    const now = this.wallClock();
    if (now > this.last) this.last = now;
    return new Date(this.last).toISOString();
  }
}

/** The process's one recording clock: every command path of the process stamps with it. */
export const processRecordingClock = new RecordingClock();
