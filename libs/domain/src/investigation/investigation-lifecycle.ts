import { INVESTIGATION_KINDS, requireReason, RuleViolation } from '../shared';
import { requireIsoInstant } from '../shared/time';
import type {
  AssignInvestigator,
  CloseInvestigation,
  ClosedInvestigationState,
  InvestigationState,
  OpenInvestigation,
  OpenInvestigationState,
  ReopenInvestigation,
  SubmitReport,
} from './investigation.decider';
import type {
  InvestigationClosed,
  InvestigationOpened,
  InvestigationReopened,
  InvestigationReportSubmitted,
  InvestigatorAssigned,
} from './investigation.events';
import { normaliseSha256 } from './evidence-rules';
import { requireDistinctIds, requireOneOf, requireText } from '../shared';

/** The investigator who opens an investigation is its first assigned investigator. */
export function decideOpenInvestigation(
  { data, meta }: OpenInvestigation,
  state: InvestigationState,
): [InvestigationOpened, InvestigatorAssigned] {
  if (state.status !== 'not_opened') {
    throw new RuleViolation(
      'investigation_already_opened',
      'this investigation is already open',
      'investigationId',
    );
  }
  const { investigationId, incidentIds, kind, title, termsOfReference, dueBy } = data;
  requireText(investigationId, 'investigationId');
  requireDistinctIds(incidentIds ?? [], 'incidentIds', 'incident_required');
  requireOneOf(kind, INVESTIGATION_KINDS, 'kind');
  requireText(title, 'title');
  if (termsOfReference !== undefined) requireText(termsOfReference, 'termsOfReference');
  if (dueBy !== undefined) requireIsoInstant(dueBy, 'dueBy');
  return [
    {
      type: 'InvestigationOpened',
      data: {
        investigationId,
        incidentIds,
        kind,
        title,
        ...(termsOfReference === undefined ? {} : { termsOfReference }),
        ...(dueBy === undefined ? {} : { dueBy }),
      },
    },
    { type: 'InvestigatorAssigned', data: { investigationId, investigatorId: meta.actor.id } },
  ];
}

export function decideAssignInvestigator(
  { data }: AssignInvestigator,
  state: OpenInvestigationState,
): [InvestigatorAssigned] {
  requireText(data.investigatorId, 'investigatorId');
  if (state.investigators.includes(data.investigatorId)) {
    throw new RuleViolation(
      'investigator_already_assigned',
      'this investigator is already assigned to the investigation',
      'investigatorId',
    );
  }
  return [
    {
      type: 'InvestigatorAssigned',
      data: { investigationId: state.investigationId, investigatorId: data.investigatorId },
    },
  ];
}

export function decideSubmitReport(
  { data }: SubmitReport,
  state: OpenInvestigationState,
): [InvestigationReportSubmitted] {
  requireText(data.summary, 'summary');
  const submittedAt = requireIsoInstant(data.submittedAt, 'submittedAt');
  const reportSha256 =
    data.reportSha256 === undefined
      ? undefined
      : normaliseSha256(data.reportSha256, 'reportSha256');
  return [
    {
      type: 'InvestigationReportSubmitted',
      data: {
        investigationId: state.investigationId,
        summary: data.summary,
        ...(reportSha256 === undefined ? {} : { reportSha256 }),
        submittedAt,
      },
      occurredAt: submittedAt,
    },
  ];
}

export function decideCloseInvestigation(
  { data }: CloseInvestigation,
  state: OpenInvestigationState,
): [InvestigationClosed] {
  requireText(data.summary, 'summary');
  return [
    {
      type: 'InvestigationClosed',
      data: { investigationId: state.investigationId, summary: data.summary },
    },
  ];
}

export function decideReopenInvestigation(
  { data }: ReopenInvestigation,
  state: OpenInvestigationState | ClosedInvestigationState,
): [InvestigationReopened] {
  if (state.status !== 'closed') {
    throw new RuleViolation('investigation_not_closed', 'only a closed investigation is reopened');
  }
  requireReason(data.reason);
  return [
    {
      type: 'InvestigationReopened',
      data: { investigationId: state.investigationId, reason: data.reason },
    },
  ];
}
