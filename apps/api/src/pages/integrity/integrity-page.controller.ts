import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { LedgerVerificationReportJson } from '@blue-ledger/integrity';
import type { Response } from 'express';
import { PERMISSIONS } from '../../access/permissions';
import {
  LatestSignedHeadQuery,
  NotaryPublicKeyQuery,
  SignedHeadsQuery,
  StoreVerificationQuery,
} from '../../integrity/integrity.queries';
import { ProblemException } from '../../problems/problem.exception';
import type { HeadView, PublicKeyView } from '../events/proof-document';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import {
  instantOf,
  localFieldOf,
  OptionalInstant,
  OptionalPattern,
  queryString,
} from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';

const HEADS_PER_PAGE = 20;

export class IntegrityPageQuery {
  @OptionalPattern(/^\d{1,15}$/, 'after must be a head id from a previous page')
  after?: string;

  /** The heads as known at this instant: those signed by then. */
  @OptionalInstant()
  asOf?: string;
}

type Report = LedgerVerificationReportJson & { verifiedAt: string };

/**
 * `/ui/integrity`: the latest signed tree head and every earlier one, the notary's public key,
 * a full verification of the store on request, and what an auditor runs offline.
 */
@PageController('integrity')
export class IntegrityPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
  ) {}

  @Get()
  @Html()
  page(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: IntegrityPageQuery,
  ) {
    return this.render(request, response, query.after, undefined, instantOf(query.asOf));
  }

  /** Runs the full verification (a read, but a costly one: a form with CSRF, not a link). */
  @Post('verification')
  @Html()
  async verify(@Req() request: PageRequest, @Res({ passthrough: true }) response: Response) {
    const report = await this.reads.read<Report>(request, new StoreVerificationQuery());
    return this.render(request, response, undefined, report, undefined);
  }

  @Get('public-key.pem')
  async publicKey(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const key = await this.reads.read<PublicKeyView>(request, new NotaryPublicKeyQuery());
    response
      .status(200)
      .type('application/x-pem-file')
      .setHeader('Content-Disposition', 'attachment; filename="notary-ed25519.pem"');
    response.send(key.pem);
  }

  @Get('head.json')
  async head(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: IntegrityPageQuery,
  ): Promise<void> {
    const head = await this.reads.read<HeadView>(
      request,
      new LatestSignedHeadQuery(instantOf(query.asOf)),
    );
    response
      .status(200)
      .type('application/json; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="signed-head-${head.treeSize}.json"`);
    response.send(JSON.stringify(head, null, 2));
  }

  private async render(
    request: PageRequest,
    response: Response,
    after: string | undefined,
    report: Report | undefined,
    asOf: string | undefined,
  ) {
    // As known at asOf: the heads signed by then (the notary's clock is recorded time too).
    const [latest, heads, key] = await Promise.all([
      this.reads.readIfAny<HeadView>(request, new LatestSignedHeadQuery(asOf)),
      this.reads.read<{ items: HeadView[]; next: string | null }>(
        request,
        new SignedHeadsQuery({ limit: HEADS_PER_PAGE, after }, asOf),
      ),
      this.reads.read<PublicKeyView>(request, new NotaryPublicKeyQuery()),
    ]);
    const allowed = PERMISSIONS['POST /ui/integrity/verification'];
    const role = request.principal?.actingRole;
    if (!role) throw new ProblemException(401, 'session_required', 'Sign in to see this page.');
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Integrity',
      section: 'integrity',
      asOf,
      nowHref: '/ui/integrity',
    });
    return this.renderer.render('integrity/integrity', layout, {
      latest,
      heads: heads.items,
      nextHref: heads.next
        ? `/ui/integrity${queryString({ after: heads.next, asOf })}#history`
        : undefined,
      firstHref: after ? `/ui/integrity${queryString({ asOf })}#history` : undefined,
      asOfQuery: queryString({ asOf }),
      asOfField: localFieldOf(asOf),
      key,
      report,
      mayVerify:
        Array.isArray(allowed) && request.principal!.roles.some((r) => allowed.includes(r)),
    });
  }
}
