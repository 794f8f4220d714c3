import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateReader } from '@blue-ledger/command-handling';
import { decisionDecider, streamIds } from '@blue-ledger/domain';
import { asOfFields, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';

/** One decision, folded from its stream, now or as known at the point. */
export class DecisionQuery {
  constructor(
    readonly decisionId: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(DecisionQuery)
export class DecisionHandler implements IQueryHandler<DecisionQuery> {
  constructor(private readonly reader: AggregateReader) {}
  async execute({ decisionId, point }: DecisionQuery) {
    const { state, revision } = await this.reader.load(
      streamIds.decision(decisionId),
      decisionDecider,
      { upTo: upToOf(point) },
    );
    if (revision === null) {
      throw notRecorded('decision_not_found', `No decision ${decisionId} is recorded`, point);
    }
    return { ...state, decisionId, revision, ...asOfFields(point) };
  }
}

export const DecisionQueryHandlers = [DecisionHandler];
