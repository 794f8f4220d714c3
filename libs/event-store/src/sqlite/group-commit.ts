import type { AppendResult } from '../event-store.port';
import type { AppendOutcome, AppendRequest } from './stream-appender';

export interface GroupCommitOptions {
  /** Commits the group in one durable transaction; throws when none of it committed. */
  commit(group: AppendRequest[]): AppendOutcome[];
  /** False while a transaction opened by someone else on the connection is still open. */
  canBegin(): boolean;
  /** Called after each group in which at least one append committed. */
  committed(): void;
  /** Most appends committed in one transaction; the rest wait for the next one. */
  maxGroupSize: number;
}

interface Pending {
  request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** How long a group waits, and waits again, for a transaction another caller left open. */
const OPEN_TRANSACTION_RETRY_MS = 1;

/**
 * Group commit: appends wait in a first-in first-out queue and are committed together, one
 * transaction and one fsync for all that arrived since the last commit. The queue is taken on
 * the next turn of the event loop (`setImmediate`), after the I/O callbacks of this one: the
 * requests read while the last commit held the thread all join one group. An append is
 * queued in the same synchronous step as its `appendToStream` call, and groups commit in
 * queue order, appends in queue order within a group: positions follow the order of the
 * calls. Nothing is acknowledged before its group committed.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly counts = { groups: 0, appends: 0 };

  constructor(private readonly options: GroupCommitOptions) {}

  /** Group transactions run so far and the appends they held (committed or refused). */
  get stats(): { groups: number; appends: number } {
    return { ...this.counts };
  }

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every append submitted so far has been committed or refused. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.commitNextGroup();
    };
    if (delayMs === 0) setImmediate(run);
    else setTimeout(run, delayMs);
  }

  private commitNextGroup(): void {
    if (this.queue.length === 0) return this.wakeIdleWaiters();
    // A caller's own transaction on the shared connection (a bulk load) is its to commit:
    // never commit a group inside it, and never wait for it while holding the thread.
    if (!this.options.canBegin()) return this.schedule(OPEN_TRANSACTION_RETRY_MS);
    const group = this.queue.splice(0, this.options.maxGroupSize);
    this.counts.groups += 1;
    this.counts.appends += group.length;
    let outcomes: AppendOutcome[] | undefined;
    try {
      outcomes = this.options.commit(group.map((pending) => pending.request));
    } catch (error) {
      group.forEach((pending) => pending.reject(error));
    }
    if (outcomes?.some((outcome) => outcome.ok)) this.options.committed();
    outcomes?.forEach((outcome, i) => {
      if (outcome.ok) group[i].resolve(outcome.result);
      else group[i].reject(outcome.error);
    });
    if (this.queue.length > 0) this.schedule();
    else this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((wake) => wake());
  }
}
