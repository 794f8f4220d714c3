import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { signedTreeHeadFromJson } from '@blue-ledger/integrity';
import { Notary } from '@blue-ledger/projections';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '@blue-ledger/runtime';
import { PageQuery } from '../http/page';
import { ProblemException } from '../problems/problem.exception';
import { ConsistencyProofQuery, InclusionProofQuery, VerificationRequest } from './integrity.dto';
import {
  answerAsync,
  EventInclusionQuery,
  LatestSignedHeadQuery,
  NotaryPublicKeyQuery,
  SignedHeadsQuery,
  StoreVerificationQuery,
  TreeConsistencyQuery,
} from './integrity.queries';
import { headJson } from './integrity-views';

/** Who may call what is in the permission table (access/permissions.ts): readers; signing a head now, admin or oversight. */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly queries: QueryBus,
    private readonly notary: Notary,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
  ) {}

  @Get('head')
  @ApiOperation({
    summary: 'The latest signed tree head {treeSize, rootHash, timestamp, signature}',
  })
  head() {
    return this.queries.execute(new LatestSignedHeadQuery());
  }

  @Get('heads')
  @ApiOperation({ summary: 'Every signed tree head, in the order signed; `after` is a head id' })
  heads(@Query() page: PageQuery) {
    return this.queries.execute(new SignedHeadsQuery(page));
  }

  @Get('public-key')
  @ApiOperation({ summary: "The notary's Ed25519 public key, as PEM (SPKI) and as raw base64" })
  publicKey() {
    return this.queries.execute(new NotaryPublicKeyQuery());
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'The audit path of the event at `position` (RFC 9162 §2.1.3)' })
  inclusion(@Query() query: InclusionProofQuery) {
    const treeSize = query.treeSize === undefined ? undefined : BigInt(query.treeSize);
    return this.queries.execute(new EventInclusionQuery(BigInt(query.position), treeSize));
  }

  @Get('proofs/consistency')
  @ApiOperation({
    summary: 'The proof that the tree of `to` leaves extends that of `from` (RFC 9162 §2.1.4)',
  })
  consistency(@Query() query: ConsistencyProofQuery) {
    const to = query.to === undefined ? undefined : BigInt(query.to);
    return this.queries.execute(new TreeConsistencyQuery(BigInt(query.from), to));
  }

  @Post('heads')
  @ApiOperation({ summary: 'Sign a tree head now, over every event acknowledged so far' })
  async sign() {
    const head = await this.store.headPosition();
    // The notary's leaves are a read model: sign only once they cover every acknowledged event.
    if (head !== null) await this.readModels.waitFor(head, 30_000);
    return headJson(await answerAsync(() => this.notary.signHeadNow()));
  }

  @Post('verification')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verify the whole store: every chain, the root of every signed head, every signature, consistency between heads; the first failure with its position',
    description:
      'Single-flight: a call made while a pass with the same trustedHeads runs shares that pass and answers its report (the same verifiedAt). One pass runs at a time.',
  })
  verification(@Body() body: VerificationRequest) {
    const trusted = (body.trustedHeads ?? []).map((head, i) => {
      try {
        return signedTreeHeadFromJson(head);
      } catch (error) {
        throw new ProblemException(400, 'validation_failed', (error as Error).message, [
          { field: `trustedHeads[${i}]`, reason: (error as Error).message },
        ]);
      }
    });
    return this.queries.execute(new StoreVerificationQuery(trusted));
  }
}
