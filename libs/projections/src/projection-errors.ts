import type { RecordedEvent } from '@blue-ledger/event-store';

/** A projection threw on an event: the runner stops there rather than skip it. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  readonly position: number;
  /** `event` is where it failed or, when the failure was in writing a batch, the batch's last. */
  constructor(
    readonly projection: string,
    event: RecordedEvent,
    override readonly cause: unknown,
    inBatchEndingAt = false,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const where = `${event.type} at position ${event.globalPosition} (${event.eventId})`;
    super(
      `projection ${projection} failed ${inBatchEndingAt ? 'in the batch ending with' : 'on'} ${where}: ${reason}`,
    );
    this.position = Number(event.globalPosition);
  }
}

/** The read models did not reach a position in time. */
export class ProjectionTimeoutError extends Error {
  override readonly name = 'ProjectionTimeoutError';
  constructor(
    readonly position: number,
    readonly behind: string[],
    timeoutMs: number,
  ) {
    super(`projections ${behind.join(', ')} did not reach position ${position} in ${timeoutMs} ms`);
  }
}

/** The runner was stopped while something waited on it. */
export class ProjectionRunnerStoppedError extends Error {
  override readonly name = 'ProjectionRunnerStoppedError';
  constructor() {
    super('the projection runner was stopped');
  }
}
