import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import type { ReadPoint } from '../../as-of/read-point';
import { AuditTrailQuery } from '../../audit/audit.queries';
import { layoutFor } from '../layout/layout-context';
import { toCsv } from '../rendering/csv';
import { eventLine, type EnvelopeView } from '../rendering/event-line';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { AuditPageQuery, EVENT_TYPES } from './audit-page.query';

const PAGE_SIZE = 50;
const EXPORT_PAGE = 1000;
/** An export holds the whole selection up to this many events; narrow the filters for more. */
const EXPORT_MAX = 200_000;
/** How many pages of the trail one page of a liaison's view may read. */
const MAX_ROUNDS = 20;

type AuditAnswer = { events: EnvelopeView[]; next: string | null };

/** `/ui/audit`: every event in global order, with the API's filters; and its NDJSON and CSV exports. */
@PageController('')
export class AuditPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('audit')
  @Html()
  async trail(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: AuditPageQuery,
  ) {
    const limit = query.limit ?? PAGE_SIZE;
    const point = this.asOf.resolve(instantOf(query.asOf));
    const page = await this.visiblePage(request, query, limit, point);
    const asOf = point.asOf ?? undefined;
    const filters = { ...filterState(query), asOf };
    const pageLimit = query.limit && query.limit !== PAGE_SIZE ? query.limit : undefined;
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Audit trail',
      section: 'audit',
      asOf,
      nowHref: `/ui/audit${queryString({ ...filters, asOf: undefined })}`,
    });
    return this.renderer.render('audit/audit', layout, {
      query,
      asOfField: localFieldOf(asOf),
      types: EVENT_TYPES,
      rows: page.events.map((e) => ({ ...e, line: eventLine(e) })),
      filtered: Object.values(filters).some((v) => v !== undefined),
      nextHref: page.next
        ? `/ui/audit${queryString({ ...filters, limit: pageLimit, after: page.next })}`
        : undefined,
      firstHref: query.after
        ? `/ui/audit${queryString({ ...filters, limit: pageLimit })}`
        : undefined,
      ndjsonHref: `/ui/audit.ndjson${queryString(filters)}`,
      csvHref: `/ui/audit.csv${queryString(filters)}`,
    });
  }

  @Get('audit.ndjson')
  async ndjson(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: AuditPageQuery,
  ): Promise<void> {
    const events = await this.selection(request, query);
    response
      .status(200)
      .type('application/x-ndjson; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="audit-trail.ndjson"');
    response.send(
      events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : ''),
    );
  }

  @Get('audit.csv')
  async csv(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: AuditPageQuery,
  ): Promise<void> {
    const events = await this.selection(request, query);
    const csv = toCsv(
      [
        'global_position',
        'recorded_at',
        'occurred_at',
        'type',
        'schema_version',
        'stream_id',
        'stream_revision',
        'actor_id',
        'actor_role',
        'summary',
        'event_id',
        'correlation_id',
        'causation_id',
        'prev_hash',
        'hash',
      ],
      events.map((e) => [
        e.globalPosition,
        e.recordedAt,
        e.occurredAt ?? '',
        e.type,
        e.schemaVersion,
        e.streamId,
        e.streamRevision,
        e.actor.id,
        e.actor.role,
        eventLine(e),
        e.eventId,
        e.correlationId,
        e.causationId,
        e.prevHash,
        e.hash,
      ]),
    );
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="audit-trail.csv"');
    response.send(csv);
  }

  /**
   * One page of `limit` events the reader may see. A liaison sees only what concerns its units,
   * so a page of the trail may hold few of them: further pages are read (up to a bound) until
   * the page is full, and `next` is the position of its last event.
   */
  private async visiblePage(
    request: PageRequest,
    query: AuditPageQuery,
    limit: number,
    point: ReadPoint,
  ) {
    const events: EnvelopeView[] = [];
    let after = query.after;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const page: AuditAnswer = await this.reads.read<AuditAnswer>(
        request,
        new AuditTrailQuery(
          filterOf(query),
          { limit: round === 0 ? limit : EXPORT_PAGE, after },
          point,
        ),
      );
      events.push(...page.events);
      if (events.length >= limit) {
        const kept = events.slice(0, limit);
        const more = events.length > limit || page.next !== null;
        return { events: kept, next: more ? String(kept[kept.length - 1].globalPosition) : null };
      }
      if (page.next === null) return { events, next: null };
      after = page.next;
    }
    return { events, next: after ?? null };
  }

  /**
   * The whole selection of the filters, page after page, each page seen as the reader may see
   * it: an export carries the personal view of each event, as the JSON API's answers do.
   */
  private async selection(request: PageRequest, query: AuditPageQuery): Promise<EnvelopeView[]> {
    const events: EnvelopeView[] = [];
    let after: string | undefined = query.after;
    // One read point for the whole export: pages read later see the same prefix of the trail.
    const point = this.asOf.resolve(instantOf(query.asOf));
    do {
      const page: AuditAnswer = await this.reads.read<AuditAnswer>(
        request,
        new AuditTrailQuery(filterOf(query), { limit: EXPORT_PAGE, after }, point),
        { disclose: true },
      );
      events.push(...page.events);
      after = page.next ?? undefined;
    } while (after !== undefined && events.length < EXPORT_MAX);
    return events;
  }
}

function filterOf(query: AuditPageQuery) {
  return {
    stream: query.stream,
    actor: query.actor,
    type: query.type,
    correlation: query.correlation,
    from: instantOf(query.from),
    to: instantOf(query.to),
  };
}

function filterState(query: AuditPageQuery): Record<string, string | undefined> {
  return {
    stream: query.stream,
    actor: query.actor,
    type: query.type,
    correlation: query.correlation,
    from: query.from,
    to: query.to,
  };
}
