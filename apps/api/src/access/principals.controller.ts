import { Body, Controller, Delete, Get, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal, AuthenticatedRequest } from '../auth/principal';
import {
  PrincipalRegistry,
  PRINCIPAL_ID,
  PRINCIPAL_STORE,
  type PrincipalStore,
} from '@blue-ledger/access';
import { ProblemException } from '../problems/problem.exception';
import { CreatePrincipalDto } from './principal.dto';

/** A token is answered once; a replayed answer (Idempotency-Key) would have to keep it. */
function refuseReplayableToken(request: AuthenticatedRequest): void {
  if (request.headers['idempotency-key'] !== undefined) {
    throw new ProblemException(
      400,
      'idempotency_not_supported',
      'Tokens are shown once and never stored: send this request without Idempotency-Key.',
      [{ field: 'Idempotency-Key', reason: 'not accepted where a token is issued' }],
    );
  }
}

function principalId(id: string): string {
  if (!PRINCIPAL_ID.test(id)) {
    throw new ProblemException(400, 'validation_failed', 'id must be a principal id.', [
      { field: 'id', reason: 'must be 1-100 characters of [A-Za-z0-9._-]' },
    ]);
  }
  return id;
}

@ApiTags('access')
@ApiBearerAuth()
@Controller('principals')
export class PrincipalsController {
  constructor(
    @Inject(PRINCIPAL_STORE) private readonly store: PrincipalStore,
    @Inject(PrincipalRegistry) private readonly configured: PrincipalRegistry,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a principal; the answer holds its token, shown this once and never again',
  })
  async create(
    @Body() body: CreatePrincipalDto,
    @CurrentPrincipal() admin: ActingPrincipal,
    @Req() request: AuthenticatedRequest,
  ) {
    refuseReplayableToken(request);
    if (body.roles.includes('tcc_liaison') && !body.country) {
      throw new ProblemException(400, 'validation_failed', 'A tcc_liaison needs a country.', [
        { field: 'country', reason: 'required for a tcc_liaison' },
      ]);
    }
    const id = body.id ?? uuidv7();
    if (this.configured.has(id) || (await this.store.exists(id))) {
      throw new ProblemException(409, 'principal_exists', `A principal ${id} exists already.`);
    }
    const { principal, token, tokenId } = await this.store.create(
      { id, name: body.name, roles: body.roles, ...(body.country && { country: body.country }) },
      admin.id,
    );
    return { ...principal, tokenId, token };
  }

  @Get()
  @ApiOperation({
    summary: 'Every principal: configured ones and those of the store, with token ids',
  })
  async list() {
    return {
      items: [
        ...this.configured.list().map((p) => ({ ...p, source: 'configuration' })),
        ...(await this.store.list()).map((p) => ({ ...p, source: 'store' })),
      ],
    };
  }

  @Post(':id/tokens')
  @ApiOperation({ summary: 'Issue another token for a principal of the store (shown once)' })
  async issue(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    refuseReplayableToken(request);
    await this.requireStored(principalId(id));
    return { id, ...(await this.store.issueToken(id)) };
  }

  @Delete(':id/tokens')
  @ApiOperation({ summary: 'Revoke every token of a principal of the store, at once' })
  async revoke(@Param('id') id: string) {
    await this.requireStored(principalId(id));
    return { id, revoked: await this.store.revokeTokens(id) };
  }

  private async requireStored(id: string): Promise<void> {
    if (this.configured.has(id)) {
      throw new ProblemException(
        409,
        'configured_principal',
        `${id} comes from the configuration; change LEDGER_PRINCIPALS to change its token.`,
      );
    }
    if (!(await this.store.exists(id))) {
      throw new ProblemException(404, 'principal_not_found', `No principal ${id}.`);
    }
  }
}
