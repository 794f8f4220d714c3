import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateReader } from '@blue-ledger/command-handling';
import { investigationDecider, streamIds } from '@blue-ledger/domain';
import { asOfFields, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';

/** One investigation, folded from its stream, now or as known at the point. */
export class InvestigationQuery {
  constructor(
    readonly investigationId: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(InvestigationQuery)
export class InvestigationHandler implements IQueryHandler<InvestigationQuery> {
  constructor(private readonly reader: AggregateReader) {}
  async execute({ investigationId, point }: InvestigationQuery) {
    const { state, revision } = await this.reader.load(
      streamIds.investigation(investigationId),
      investigationDecider,
      { upTo: upToOf(point) },
    );
    if (revision === null) {
      throw notRecorded(
        'investigation_not_found',
        `No investigation ${investigationId} is recorded`,
        point,
      );
    }
    return { ...(toJson(state) as object), investigationId, revision, ...asOfFields(point) };
  }
}

/** Decider state may hold Maps and Sets; answer them as arrays and objects. */
export function toJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_, v: unknown) =>
      v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v,
    ),
  );
}

export const InvestigationQueryHandlers = [InvestigationHandler];
