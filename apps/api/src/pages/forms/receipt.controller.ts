import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EventAtPositionQuery } from '../../audit/audit.queries';
import { ProblemException } from '../../problems/problem.exception';
import { layoutFor } from '../layout/layout-context';
import { eventLine, streamParts, type EnvelopeView } from '../rendering/event-line';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';

const POSITION = /^\d{1,15}$/;

/** Where a record is read: its page (decisions are read in the audit trail of their stream). */
export function recordHrefOf(streamId: string): { href: string; kind: string } {
  const { kind, id } = streamParts(streamId);
  switch (kind) {
    case 'incident':
      return { href: `/ui/incidents/${id}`, kind: 'incident' };
    case 'investigation':
      return { href: `/ui/investigations/${id}`, kind: 'investigation' };
    case 'contingent':
      return { href: `/ui/contingents/${id}`, kind: 'unit' };
    case 'mission':
      return { href: `/ui/contingents?mission=${encodeURIComponent(id)}`, kind: 'mission' };
    default:
      return { href: `/ui/audit?stream=${encodeURIComponent(streamId)}`, kind: 'record' };
  }
}

/**
 * `/ui/forms/receipts/{position}`: where a form's write ends (303 after the POST): what was
 * appended, at which position, with which hash, and the way to its event and its record.
 */
@PageController('forms/receipts')
export class ReceiptPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
  ) {}

  @Get(':position')
  @Html()
  async receipt(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('position') position: string,
  ) {
    if (!POSITION.test(position)) {
      throw new ProblemException(404, 'event_not_found', `There is no event at ${position}.`);
    }
    const answer = await this.reads.read<{ event: EnvelopeView | null }>(
      request,
      new EventAtPositionQuery(Number(position)),
    );
    if (!answer.event) {
      throw new ProblemException(404, 'event_not_found', `There is no event at ${position}.`);
    }
    const record = recordHrefOf(answer.event.streamId);
    const layout = layoutFor(request, response, this.csrf, {
      title: `Recorded: ${answer.event.type}`,
      section: 'none',
      crumbs: [{ label: 'Record', href: '/ui/forms' }, { label: `Receipt ${position}` }],
    });
    return this.renderer.render('forms/receipt', layout, {
      event: answer.event,
      line: eventLine(answer.event),
      recordHref: record.href,
      recordKind: record.kind,
      styles: ['/ui/assets/forms.css'],
    });
  }
}
