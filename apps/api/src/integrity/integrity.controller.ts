import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import {
  exportPublicKeyPem,
  exportPublicKeyRaw,
  ledgerReportToJson,
  signedTreeHeadFromJson,
} from '@blue-ledger/integrity';
import {
  Notary,
  NotaryReadOnlyError,
  TreeSizeOutOfRangeError,
  UnknownPositionError,
} from '@blue-ledger/projections';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '@blue-ledger/runtime';
import { PageQuery } from '../http/page';
import { ProblemException } from '../problems/problem.exception';
import { ConsistencyProofQuery, InclusionProofQuery, VerificationRequest } from './integrity.dto';
import { consistencyProofJson, headJson, inclusionProofJson } from './integrity-views';
import { verifyStore } from './store-verification';

/** Who may call what is in the permission table (access/permissions.ts): readers; signing a head now, admin or oversight. */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly notary: Notary,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
  ) {}

  @Get('head')
  @ApiOperation({
    summary: 'The latest signed tree head {treeSize, rootHash, timestamp, signature}',
  })
  head() {
    const latest = this.notary.latestHead();
    if (latest === null) {
      throw new ProblemException(404, 'no_signed_head', 'No tree head has been signed yet.');
    }
    return headJson(latest);
  }

  @Get('heads')
  @ApiOperation({ summary: 'Every signed tree head, in the order signed; `after` is a head id' })
  heads(@Query() page: PageQuery) {
    const after = page.after === undefined ? 0 : headCursor(page.after);
    const limit = page.limit ?? 100;
    const heads = this.notary.heads(after, limit + 1);
    const items = heads.slice(0, limit);
    return {
      items: items.map(headJson),
      next: heads.length > limit ? String(items[items.length - 1].id) : null,
    };
  }

  @Get('public-key')
  @ApiOperation({ summary: "The notary's Ed25519 public key, as PEM (SPKI) and as raw base64" })
  publicKey() {
    return {
      algorithm: 'Ed25519',
      pem: exportPublicKeyPem(this.notary.publicKey),
      raw: exportPublicKeyRaw(this.notary.publicKey),
    };
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'The audit path of the event at `position` (RFC 9162 §2.1.3)' })
  inclusion(@Query() query: InclusionProofQuery) {
    const treeSize = query.treeSize === undefined ? undefined : BigInt(query.treeSize);
    return answer(() =>
      inclusionProofJson(this.notary.inclusionProof(BigInt(query.position), treeSize)),
    );
  }

  @Get('proofs/consistency')
  @ApiOperation({
    summary: 'The proof that the tree of `to` leaves extends that of `from` (RFC 9162 §2.1.4)',
  })
  consistency(@Query() query: ConsistencyProofQuery) {
    const to = query.to === undefined ? undefined : BigInt(query.to);
    return answer(() => consistencyProofJson(this.notary.consistencyProof(BigInt(query.from), to)));
  }

  @Post('heads')
  @ApiOperation({ summary: 'Sign a tree head now, over every event acknowledged so far' })
  async sign() {
    const head = await this.store.headPosition();
    // The notary's leaves are a read model: sign only once they cover every acknowledged event.
    if (head !== null) await this.readModels.waitFor(head, 30_000);
    return answer(() => headJson(this.notary.signHead()));
  }

  @Post('verification')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verify the whole store: every chain, the root of every signed head, every signature, consistency between heads; the first failure with its position',
  })
  async verification(@Body() body: VerificationRequest) {
    const trusted = (body.trustedHeads ?? []).map((head, i) => {
      try {
        return signedTreeHeadFromJson(head);
      } catch (error) {
        throw new ProblemException(400, 'validation_failed', (error as Error).message, [
          { field: `trustedHeads[${i}]`, reason: (error as Error).message },
        ]);
      }
    });
    const report = await verifyStore(this.store, this.notary, trusted);
    return { verifiedAt: new Date().toISOString(), ...ledgerReportToJson(report) };
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
function answer<T>(work: () => T): T {
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
    if (error instanceof NotaryReadOnlyError) {
      throw new ProblemException(409, 'notary_elsewhere', `${error.message}, not by this API.`);
    }
    throw error;
  }
}
