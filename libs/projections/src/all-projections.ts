import { recordedOrderProjection } from './as-of/recorded-order.projection';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { contingentHistoryProjection } from './contingent-history/contingent-history.projection';
import { contingentsProjection } from './contingents/contingents.projection';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { followThroughProjection } from './follow-through/follow-through.projection';
import { incidentTimelineProjection } from './incident-timeline/incident-timeline.projection';
import { incidentsProjection } from './incidents/incidents.projection';
import { leaderHistoryProjection } from './leader-history/leader-history.projection';
import { notaryProjection } from './notary/notary.projection';
import type { Projection } from './projection';

/** Every read model the API queries, for one ProjectionRunner. */
export function ledgerProjections(): Projection[] {
  return [
    auditTrailProjection,
    recordedOrderProjection,
    incidentsProjection,
    contingentsProjection,
    incidentTimelineProjection,
    contingentHistoryProjection,
    followThroughProjection,
    leaderHistoryProjection,
    deadlinesProjection,
    notaryProjection,
  ];
}
