import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import type { ReadPoint } from '../../as-of/read-point';
import { EventAtPositionQuery, EventByIdQuery } from '../../audit/audit.queries';
import {
  EventInclusionQuery,
  LatestSignedHeadQuery,
  NotaryPublicKeyQuery,
} from '../../integrity/integrity.queries';
import { ProblemException } from '../../problems/problem.exception';
import { StreamEventsQuery } from '../../streams/stream.queries';
import { layoutFor } from '../layout/layout-context';
import { eventLine, type EnvelopeView } from '../rendering/event-line';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { recordNotFound } from '../rendering/record-not-found';
import {
  instantOf,
  localFieldOf,
  OptionalInstant,
  OptionalText,
  queryString,
} from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import {
  proofDocument,
  type HeadView,
  type InclusionProofView,
  type PublicKeyView,
} from './proof-document';

const POSITION = /^\d{1,15}$/;

export class EventPageQuery {
  /** The event as known at this instant: absent if recorded later, proved by a head signed by then. */
  @OptionalInstant()
  asOf?: string;

  /** `download` (any value): the proof as an attachment. */
  @OptionalText(16)
  download?: string;
}

/**
 * `/ui/events/{position}`: one event as the reader may see it, its place in its stream's hash
 * chain, what caused it, and its inclusion proof, which the page's script checks in the
 * browser against the signed tree head and the notary's public key.
 */
@PageController('events')
export class EventPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get(':position')
  @Html()
  async event(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('position') position: string,
    @Query() query: EventPageQuery,
  ) {
    const point = this.asOf.resolve(instantOf(query.asOf));
    const asOf = point.asOf ?? undefined;
    const event = await this.eventAt(request, position, point, { disclose: true });
    const [previous, cause, proof, key] = await Promise.all([
      this.previousOf(request, event),
      event.causationId !== event.eventId && event.causationId !== event.correlationId
        ? this.reads
            .readIfAny<{ event: EnvelopeView | null }>(
              request,
              new EventByIdQuery(event.causationId),
            )
            .then((answer) => answer?.event ?? undefined)
        : undefined,
      this.proofOf(request, event, asOf),
      this.reads.read<PublicKeyView>(request, new NotaryPublicKeyQuery()),
    ]);
    const asOfQuery = queryString({ asOf });
    const layout = layoutFor(request, response, this.csrf, {
      title: `Event ${event.globalPosition}`,
      section: 'audit',
      crumbs: [
        { label: 'Audit trail', href: `/ui/audit${asOfQuery}` },
        {
          label: event.streamId,
          href: `/ui/audit${queryString({ stream: event.streamId, asOf })}`,
        },
        { label: `Event ${event.globalPosition}` },
      ],
      asOf,
      nowHref: `/ui/events/${event.globalPosition}`,
    });
    return this.renderer.render('events/event', layout, {
      event,
      line: eventLine(event),
      previous,
      cause,
      proof: proof && proofDocument(event, proof, key),
      key,
      genesis: event.streamRevision === 0,
      asOf,
      asOfField: localFieldOf(asOf),
      asOfQuery,
      scripts: ['/ui/assets/merkle.js', '/ui/assets/event-proof.js'],
    });
  }

  /** The proof as a file: what `ledger verify-proof` and the page's script check. */
  @Get(':position/proof.json')
  async proofJson(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('position') position: string,
    @Query() query: EventPageQuery,
  ): Promise<void> {
    const point = this.asOf.resolve(instantOf(query.asOf));
    const event = await this.eventAt(request, position, point);
    const [proof, key] = await Promise.all([
      this.proofOf(request, event, point.asOf ?? undefined),
      this.reads.read<PublicKeyView>(request, new NotaryPublicKeyQuery()),
    ]);
    if (!proof) {
      throw new ProblemException(
        404,
        'not_yet_signed',
        'No signed tree head covers this event yet: the notary signs one regularly; try again shortly.',
      );
    }
    response.status(200).type('application/json; charset=utf-8');
    if (query.download !== undefined) {
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="inclusion-proof-${event.globalPosition}.json"`,
      );
    }
    response.send(JSON.stringify(proofDocument(event, proof, key), null, 2));
  }

  private async eventAt(
    request: PageRequest,
    position: string,
    point: ReadPoint,
    options: { disclose?: boolean } = {},
  ): Promise<EnvelopeView> {
    if (!POSITION.test(position)) {
      throw new ProblemException(404, 'not_found', `There is no event at position ${position}.`);
    }
    const answer = await this.reads.readIfAny<{ event: EnvelopeView | null }>(
      request,
      new EventAtPositionQuery(Number(position)),
      options,
    );
    // As known at an instant: an event recorded after it is not yet.
    const recordedLater =
      point.asOf !== null &&
      answer?.event &&
      (point.position === null || answer.event.globalPosition > point.position);
    if (!answer?.event || recordedLater) {
      throw recordNotFound(`event at position ${position}`, point.asOf);
    }
    return answer.event;
  }

  private async previousOf(
    request: PageRequest,
    event: EnvelopeView,
  ): Promise<EnvelopeView | undefined> {
    if (event.streamRevision === 0) return undefined;
    const revision = event.streamRevision - 1;
    const answer = await this.reads.readIfAny<{ events: EnvelopeView[] }>(
      request,
      new StreamEventsQuery(event.streamId, {
        limit: 1,
        after: revision === 0 ? undefined : String(revision - 1),
      }),
    );
    const previous = answer?.events[0];
    return previous && previous.streamRevision === revision ? previous : undefined;
  }

  private async proofOf(
    request: PageRequest,
    event: EnvelopeView,
    asOf: string | undefined,
  ): Promise<InclusionProofView | undefined> {
    try {
      // As known at an instant: the proof up to the latest head signed by then, if it covers the event.
      let treeSize: bigint | undefined;
      if (asOf !== undefined) {
        const head = await this.reads.readIfAny<HeadView>(request, new LatestSignedHeadQuery(asOf));
        if (!head || head.lastPosition === null) return undefined;
        if (BigInt(head.lastPosition) < BigInt(event.globalPosition)) return undefined;
        treeSize = BigInt(head.treeSize);
      }
      return await this.reads.read<InclusionProofView>(
        request,
        new EventInclusionQuery(BigInt(event.globalPosition), treeSize),
      );
    } catch (error) {
      // Not yet in a signed tree: the page says so and how to check it later.
      if (error instanceof ProblemException && [400, 404, 409].includes(error.getStatus())) {
        return undefined;
      }
      throw error;
    }
  }
}
