/** No event at this global position has reached the notary's log. */
export class UnknownPositionError extends Error {
  override readonly name = 'UnknownPositionError';
  constructor(readonly position: bigint) {
    super(`no event at position ${position} is in the notary's log`);
  }
}

/** A tree size the log cannot answer for: past its end, or not covering the leaf asked about. */
export class TreeSizeOutOfRangeError extends RangeError {
  override readonly name = 'TreeSizeOutOfRangeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** This process only reads the notary's tables: the process that writes them signs. */
export class NotaryReadOnlyError extends Error {
  override readonly name = 'NotaryReadOnlyError';
  constructor() {
    super('tree heads are signed by the process that runs the projections');
  }
}

/** The shared sequence holds a head over more leaves than this notary's log has reached yet. */
export class NotaryBehindError extends Error {
  override readonly name = 'NotaryBehindError';
  constructor(
    readonly treeSize: bigint,
    readonly latestSigned: bigint,
  ) {
    super(
      `this instance's log has ${treeSize} leaves, the latest signed head covers ${latestSigned}: try again once it has caught up`,
    );
  }
}
