import { Get, Query, Req, Res } from '@nestjs/common';
import { PRINCIPAL_ID } from '@blue-ledger/access';
import type { Response } from 'express';
import { layoutFor } from '../../layout/layout-context';
import { Html, PageController } from '../../rendering/page.decorator';
import { PageRenderer } from '../../rendering/page-renderer';
import { Csrf } from '../../security/csrf';
import type { PageRequest } from '../../sessions/page-access';
import { LedgerLookups } from '../machinery/ledger-lookups';
import { liveTokens } from './principals.forms';

const COUNT = /^\d{1,9}$/;

/** A principal id from the address, or nothing (never echoed unless it is one). */
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' && PRINCIPAL_ID.test(value) ? value : undefined;

/**
 * `/ui/principals` (admins, as `GET /principals`): who may sign in, in which roles, for which
 * country, and the state of their tokens; the way to create one, issue a token, revoke. After
 * a form whose token was shown once, a resend of it lands here and says so: no token on this
 * page, ever.
 */
@PageController('principals')
export class PrincipalsPageController {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly lookups: LedgerLookups,
  ) {}

  @Get()
  @Html()
  async list(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: Record<string, unknown>,
  ) {
    const principals = (await this.lookups.principals()).map((p) => ({
      ...p,
      live: p.source === 'store' ? liveTokens(p) : undefined,
      revokedTokens: (p.tokens ?? []).length - (p.source === 'store' ? liveTokens(p) : 0),
    }));
    const revoked = idOf(query.revoked);
    const count = typeof query.count === 'string' && COUNT.test(query.count) ? query.count : '0';
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Principals and tokens',
      section: 'none',
      crumbs: [{ label: 'Record', href: '/ui/forms' }, { label: 'Principals and tokens' }],
    });
    return this.renderer.render('forms/principals/principals', layout, {
      principals,
      shown: idOf(query.shown),
      revoked: revoked && { id: revoked, count: Number(count) },
      styles: ['/ui/assets/forms.css'],
    });
  }
}
