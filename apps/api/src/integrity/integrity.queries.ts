import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  exportPublicKeyPem,
  exportPublicKeyRaw,
  ledgerReportToJson,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import {
  Notary,
  NotaryBehindError,
  NotaryReadOnlyError,
  TreeSizeOutOfRangeError,
  UnknownPositionError,
} from '@blue-ledger/projections';
import { ProblemException } from '../problems/problem.exception';
import { consistencyProofJson, headJson, inclusionProofJson } from './integrity-views';
import { VerificationPasses } from './verification-passes';

/** The latest signed tree head. */
export class LatestSignedHeadQuery {
  /** With `signedBy` (ISO 8601, UTC): the latest head signed at or before it. */
  constructor(readonly signedBy?: string) {}
}

/** Signed tree heads in the order signed, after a head id. */
export class SignedHeadsQuery {
  constructor(
    readonly page: { limit?: number; after?: string },
    /** Only the heads signed at or before this instant (ISO 8601, UTC). */
    readonly signedBy?: string,
  ) {}
}

/** The notary's Ed25519 public key, as PEM and raw base64. */
export class NotaryPublicKeyQuery {}

/** The audit path of the event at `position` in a tree (by default the latest head covering it). */
export class EventInclusionQuery {
  constructor(
    readonly position: bigint,
    readonly treeSize?: bigint,
  ) {}
}

/** The proof that the tree of `to` leaves extends that of `from`. */
export class TreeConsistencyQuery {
  constructor(
    readonly from: bigint,
    readonly to?: bigint,
  ) {}
}

/** Verify the whole store as it is now against every signed head (and the heads kept by the caller). */
export class StoreVerificationQuery {
  constructor(readonly trustedHeads: readonly SignedTreeHead[] = []) {}
}

@QueryHandler(LatestSignedHeadQuery)
export class LatestSignedHeadHandler implements IQueryHandler<LatestSignedHeadQuery> {
  constructor(private readonly notary: Notary) {}
  async execute({ signedBy }: LatestSignedHeadQuery) {
    await this.notary.syncHeads();
    const latest = this.notary.latestHead(signedBy);
    if (latest === null) {
      throw new ProblemException(404, 'no_signed_head', 'No tree head has been signed yet.');
    }
    return headJson(latest);
  }
}

@QueryHandler(SignedHeadsQuery)
export class SignedHeadsHandler implements IQueryHandler<SignedHeadsQuery> {
  constructor(private readonly notary: Notary) {}
  async execute({ page, signedBy }: SignedHeadsQuery) {
    const after = page.after === undefined ? 0 : headCursor(page.after);
    const limit = page.limit ?? 100;
    await this.notary.syncHeads();
    const heads = this.notary.heads(after, limit + 1, signedBy);
    const items = heads.slice(0, limit);
    return {
      items: items.map(headJson),
      next: heads.length > limit ? String(items[items.length - 1].id) : null,
    };
  }
}

@QueryHandler(NotaryPublicKeyQuery)
export class NotaryPublicKeyHandler implements IQueryHandler<NotaryPublicKeyQuery> {
  constructor(private readonly notary: Notary) {}
  async execute() {
    return {
      algorithm: 'Ed25519',
      pem: exportPublicKeyPem(this.notary.publicKey),
      raw: exportPublicKeyRaw(this.notary.publicKey),
    };
  }
}

@QueryHandler(EventInclusionQuery)
export class EventInclusionHandler implements IQueryHandler<EventInclusionQuery> {
  constructor(private readonly notary: Notary) {}
  async execute({ position, treeSize }: EventInclusionQuery) {
    await this.notary.syncHeads();
    return answer(() => inclusionProofJson(this.notary.inclusionProof(position, treeSize)));
  }
}

@QueryHandler(TreeConsistencyQuery)
export class TreeConsistencyHandler implements IQueryHandler<TreeConsistencyQuery> {
  constructor(private readonly notary: Notary) {}
  async execute({ from, to }: TreeConsistencyQuery) {
    await this.notary.syncHeads();
    return answer(() => consistencyProofJson(this.notary.consistencyProof(from, to)));
  }
}

/** A full pass, or the one already running for the same trusted heads (see VerificationPasses). */
@QueryHandler(StoreVerificationQuery)
export class StoreVerificationHandler implements IQueryHandler<StoreVerificationQuery> {
  constructor(private readonly passes: VerificationPasses) {}
  async execute({ trustedHeads }: StoreVerificationQuery) {
    const { report, verifiedAt } = await this.passes.run(trustedHeads);
    return { verifiedAt, ...ledgerReportToJson(report) };
  }
}

function headCursor(after: string): number {
  if (!/^\d{1,15}$/.test(after)) {
    throw new ProblemException(
      400,
      'validation_failed',
      'after must be the `next` of a previous page.',
      [{ field: 'after', reason: 'must be a cursor from `next`' }],
    );
  }
  return Number(after);
}

/** The notary's refusals as problems. */
/** `answer` for work that answers a promise. */
export async function answerAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return answer(() => {
      throw error;
    });
  }
}

export function answer<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof UnknownPositionError) {
      throw new ProblemException(404, 'position_not_in_log', error.message, [
        { field: 'position', reason: error.message },
      ]);
    }
    if (error instanceof TreeSizeOutOfRangeError) {
      throw new ProblemException(400, 'validation_failed', error.message, [
        { field: error.field, reason: error.message },
      ]);
    }
    if (error instanceof NotaryBehindError) {
      throw new ProblemException(409, 'notary_behind', error.message);
    }
    if (error instanceof NotaryReadOnlyError) {
      throw new ProblemException(409, 'notary_elsewhere', `${error.message}, not by this API.`);
    }
    throw error;
  }
}

export const IntegrityQueryHandlers = [
  LatestSignedHeadHandler,
  SignedHeadsHandler,
  NotaryPublicKeyHandler,
  EventInclusionHandler,
  TreeConsistencyHandler,
  StoreVerificationHandler,
];
