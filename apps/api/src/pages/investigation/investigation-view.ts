import type { InvestigationAnswer } from '../incident/incident-view';
import { attributionLine } from '../incident/incident-view';
import { format } from '../rendering/format';
import type { UnitName } from '../rendering/page-reads';
import { valueText } from '../timeline/timeline-view';

/** An event of the investigation's stream, as the JSON API answers it (GET /streams/{id}). */
export interface StreamEvent {
  type: string;
  globalPosition: number;
  recordedAt: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The investigation's page: its terms of reference and reports from its opening and report
 * events; each evidence item with its SHA-256 and its chain of custody, link by link; each
 * finding as it stands with every revision (what changed and why) or its withdrawal; namings
 * and recommendations with their rationale.
 */
export function investigationView(input: {
  investigation: InvestigationAnswer;
  events: StreamEvent[];
  names: Map<string, UnitName>;
}) {
  const { investigation, events, names } = input;
  const opened = events.find((e) => e.type === 'InvestigationOpened');
  const evidence = events
    .filter((e) => e.type === 'EvidenceLogged')
    .map((e) => ({
      evidenceId: text(e.data.evidenceId),
      kind: format.label(text(e.data.kind)),
      description: text(e.data.description),
      sha256: text(e.data.sha256),
      custody: [
        {
          custodian: text(e.data.custodian),
          since: e.recordedAt,
          reason: 'Logged',
          position: e.globalPosition,
        },
        ...events
          .filter(
            (t) =>
              t.type === 'EvidenceCustodyTransferred' && t.data.evidenceId === e.data.evidenceId,
          )
          .map((t) => ({
            custodian: text(t.data.toCustodian),
            since: text(t.data.transferredAt) || t.recordedAt,
            reason: text(t.data.reason),
            position: t.globalPosition,
          })),
      ],
    }));
  const historyOf = (findingId: string) =>
    events
      .filter(
        (e) =>
          (e.type === 'FindingRevised' || e.type === 'FindingWithdrawn') &&
          e.data.findingId === findingId,
      )
      .map((e) => ({
        kind: e.type === 'FindingRevised' ? 'Revised' : 'Withdrawn',
        at: e.recordedAt,
        by: e.actor.id,
        reason: text(e.data.reason),
        changes: Object.entries((e.data.changes as Record<string, unknown> | undefined) ?? {}).map(
          ([field, to]) => ({ field: format.label(field), to: valueText(to) }),
        ),
        position: e.globalPosition,
      }));
  const rationaleOf = new Map(
    events
      .filter((e) => e.type === 'RecommendationIssued')
      .map((e) => [text(e.data.recommendationId), text(e.data.rationale)]),
  );
  const findings = Object.values(investigation.findings ?? {});
  const statementOf = new Map(findings.map((f) => [f.findingId, f.statement]));
  const unit = (id: string | undefined) => {
    const u = id ? names.get(id) : undefined;
    return u ? `${u.designation} (${u.country})` : 'a unit not shown to you';
  };
  return {
    investigationId: investigation.investigationId,
    title: investigation.title,
    kind: format.label(investigation.kind),
    status: investigation.status,
    incidentIds: (opened?.data.incidentIds as string[] | undefined) ?? [],
    termsOfReference: text(opened?.data.termsOfReference) || undefined,
    dueBy: text(opened?.data.dueBy) || undefined,
    openedAt: opened?.recordedAt,
    reports: events
      .filter((e) => e.type === 'InvestigationReportSubmitted')
      .map((e) => ({
        submittedAt: text(e.data.submittedAt),
        summary: text(e.data.summary),
        sha256: text(e.data.reportSha256) || undefined,
      })),
    evidence,
    findings: findings.map((f) => ({
      findingId: f.findingId,
      statement: f.statement,
      category: format.label(f.category),
      severity: f.severity,
      withdrawn: f.withdrawn,
      attributions: f.attributions.map((a) => attributionLine(a, names)),
      contextFactors: f.contextFactors ?? [],
      evidence: (f.evidenceIds ?? []).map(
        (id) => evidence.find((e) => e.evidenceId === id)?.description ?? id,
      ),
      history: historyOf(f.findingId),
    })),
    namings: Object.values(investigation.namings ?? {}).map((n) => ({
      unit: unit(n.contingentId),
      public: n.public,
      findings: n.findingIds.map((id) => statementOf.get(id) ?? id),
    })),
    recommendations: Object.values(investigation.recommendations ?? {}).map((r) => ({
      action: format.label(r.action),
      about: r.contingentId ? unit(r.contingentId) : r.role ? format.label(r.role) : undefined,
      rationale: rationaleOf.get(r.recommendationId) ?? '',
      findings: r.findingIds.map((id) => statementOf.get(id) ?? id),
    })),
  };
}
