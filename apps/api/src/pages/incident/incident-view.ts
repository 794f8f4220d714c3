import type { Attribution, IncidentFacts } from '@blue-ledger/domain';
import { format } from '../rendering/format';
import type { UnitName } from '../rendering/page-reads';

/** One incident as the JSON API answers it (GET /incidents/{id}), as the reader may see it. */
export interface IncidentAnswer {
  incidentId: string;
  missionCode: string;
  status: 'open' | 'closed';
  facts: IncidentFacts;
  contingentIds: string[];
}

export interface FindingAnswer {
  findingId: string;
  statement: string;
  category: string;
  severity: string;
  attributions: Attribution[];
  contextFactors: string[];
  evidenceIds: string[];
  withdrawn: boolean;
}

/** One investigation as the JSON API answers it (GET /investigations/{id}). */
export interface InvestigationAnswer {
  investigationId: string;
  status: 'open' | 'closed';
  kind: string;
  title: string;
  findings: Record<string, FindingAnswer>;
  namings: Record<
    string,
    { namingId: string; contingentId: string; findingIds: string[]; public: boolean }
  >;
  recommendations: Record<
    string,
    {
      recommendationId: string;
      action: string;
      contingentId?: string;
      appointmentId?: string;
      role?: string;
      findingIds: string[];
    }
  >;
  reports: { submittedAt: string }[];
}

/** The units an investigation speaks of: in its findings' attributions, namings, recommendations. */
export function unitIdsOf(investigation: InvestigationAnswer): string[] {
  return [
    ...Object.values(investigation.findings ?? {}).flatMap((f) =>
      f.attributions.map((a) => a.contingentId ?? ''),
    ),
    ...Object.values(investigation.namings ?? {}).map((n) => n.contingentId),
    ...Object.values(investigation.recommendations ?? {}).map((r) => r.contingentId ?? ''),
  ];
}

/** One decision as the JSON API answers it (GET /decisions/{id}). */
export interface DecisionAnswer {
  decisionId: string;
  status: 'decided' | 'implemented' | 'reversed' | 'lapsed';
  outcome: string;
  authority: string;
  rationale: string;
  reasonForDeviation?: string;
  recommendation?: { recommendationId: string };
  decidedAt: string;
  implementedAt?: string;
  reason?: string;
}

/** One entry of the incident's timeline (GET /incidents/{id}/timeline). */
export interface TimelineEntryAnswer {
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  type: string;
  streamId: string;
  actor: { id: string; role: string };
  summary: string;
  ids: Record<string, string | string[]>;
}

export interface AttributionLine {
  level: string;
  who: string;
}

export interface FindingView {
  findingId: string;
  statement: string;
  category: string;
  severity: string;
  attributions: AttributionLine[];
  contextFactors: string[];
  withdrawn: boolean;
  revised: boolean;
}

export interface DecisionView {
  decisionId: string;
  outcome: string;
  status: string;
  authority: string;
  decidedAt: string;
  rationale: string;
  /** Why the decision departs from the recommendation, where it says so. */
  deviation: string | undefined;
  /** What became of it: carried out when, or why reversed or lapsed. */
  became: string;
}

export interface RecommendationView {
  recommendationId: string;
  action: string;
  about: string | undefined;
  findings: string[];
  decisions: DecisionView[];
}

export interface InvestigationColumn {
  investigationId: string;
  kind: string;
  title: string;
  status: string;
  reported: string | undefined;
  findings: FindingView[];
  namings: { unit: string; public: boolean; findings: string[] }[];
  recommendations: RecommendationView[];
}

export interface ExchangeLine {
  position: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  summary: string;
}

export interface IncidentView {
  incidentId: string;
  heading: string;
  missionCode: string;
  status: string;
  facts: { label: string; value: string; time?: string }[];
  units: { contingentId: string; name: string; country: string }[];
  /** Units present that the reader may not see (a liaison: other countries'). */
  unitsHidden: number;
  investigations: InvestigationColumn[];
  exchanges: ExchangeLine[];
  timelineHref: string;
  eventsHref: string;
}

const CASUALTIES: [keyof IncidentFacts['casualties'], string][] = [
  ['civiliansKilled', 'Civilians killed'],
  ['civiliansInjured', 'Civilians injured'],
  ['peacekeepersKilled', 'Peacekeepers killed'],
  ['peacekeepersInjured', 'Peacekeepers injured'],
];

const unitLabel = (names: Map<string, UnitName>, id: string | undefined): string => {
  if (!id) return 'a unit';
  const unit = names.get(id);
  return unit ? `${unit.designation} (${unit.country})` : 'a unit not shown to you';
};

/** Who a finding is attributed to, at which level, in words. */
export function attributionLine(a: Attribution, names: Map<string, UnitName>): AttributionLine {
  switch (a.level) {
    case 'unit':
      return { level: 'Unit', who: unitLabel(names, a.contingentId) };
    case 'role':
      return { level: 'Role', who: format.label(a.role ?? 'unnamed role') };
    case 'mission_component':
      return { level: 'Mission component', who: format.label(a.component ?? 'unnamed') };
    case 'member_state':
      return { level: 'Member state', who: a.country ?? '—' };
    default:
      return { level: format.label(a.level), who: 'as a whole' };
  }
}

function became(d: DecisionAnswer): string {
  switch (d.status) {
    case 'implemented':
      return `Carried out on ${format.date(d.implementedAt)}`;
    case 'reversed':
      return `Reversed: ${d.reason ?? 'no reason given'}`;
    case 'lapsed':
      return `Lapsed: ${d.reason ?? 'no reason given'}`;
    default:
      return 'Decided, not yet carried out';
  }
}

const RECORD_TYPES = new Set(['TccNotified', 'TccResponseRecorded']);

/**
 * The incident as its page shows it: the facts, the units present, each investigation in a
 * column of its own (findings with their attributions and context, namings, recommendations
 * and what became of each decision), and the notifications and replies about it.
 */
export function incidentView(input: {
  incident: IncidentAnswer;
  investigations: InvestigationAnswer[];
  decisions: DecisionAnswer[];
  timeline: TimelineEntryAnswer[];
  names: Map<string, UnitName>;
  /** The page's own state, kept by its links (asOf). */
  state: string;
}): IncidentView {
  const { incident, names } = input;
  const facts = incident.facts;
  const revisedFindings = new Set(
    input.timeline.filter((e) => e.type === 'FindingRevised').map((e) => e.ids.findingId),
  );
  const decisionsFor = new Map<string, DecisionAnswer[]>();
  for (const d of input.decisions) {
    const id = d.recommendation?.recommendationId;
    if (!id) continue;
    decisionsFor.set(id, [...(decisionsFor.get(id) ?? []), d]);
  }
  const units = incident.contingentIds
    .map((id) => names.get(id))
    .filter((u): u is UnitName => u !== undefined)
    .map((u) => ({ contingentId: u.contingentId, name: u.designation, country: u.country }));
  return {
    incidentId: incident.incidentId,
    heading: `${format.label(facts.category)} at ${facts.location.name}`,
    missionCode: incident.missionCode,
    status: incident.status,
    facts: [
      { label: 'Occurred', value: format.dateTime(facts.occurredAt), time: facts.occurredAt },
      { label: 'Where', value: locationOf(facts.location) },
      { label: 'Category', value: format.label(facts.category) },
      { label: 'What happened', value: facts.summary },
      ...CASUALTIES.filter(([key]) => facts.casualties?.[key] !== undefined).map(
        ([key, label]) => ({ label, value: format.number(facts.casualties[key]) }),
      ),
    ],
    units,
    unitsHidden: Math.max(0, incident.contingentIds.length - units.length),
    investigations: input.investigations.map((inv) => {
      const findings = Object.values(inv.findings ?? {});
      const statementOf = new Map(findings.map((f) => [f.findingId, f.statement]));
      return {
        investigationId: inv.investigationId,
        kind: format.label(inv.kind),
        title: inv.title,
        status: inv.status,
        reported: inv.reports?.at(-1)?.submittedAt,
        findings: findings.map((f) => ({
          findingId: f.findingId,
          statement: f.statement,
          category: format.label(f.category),
          severity: f.severity,
          attributions: f.attributions.map((a) => attributionLine(a, names)),
          contextFactors: f.contextFactors ?? [],
          withdrawn: f.withdrawn,
          revised: revisedFindings.has(f.findingId),
        })),
        namings: Object.values(inv.namings ?? {}).map((n) => ({
          unit: unitLabel(names, n.contingentId),
          public: n.public,
          findings: n.findingIds.map((id) => statementOf.get(id) ?? id),
        })),
        recommendations: Object.values(inv.recommendations ?? {}).map((r) => ({
          recommendationId: r.recommendationId,
          action: format.label(r.action),
          about: r.contingentId
            ? unitLabel(names, r.contingentId)
            : r.role
              ? format.label(r.role)
              : undefined,
          findings: r.findingIds.map((id) => statementOf.get(id) ?? id),
          decisions: (decisionsFor.get(r.recommendationId) ?? []).map((d) => ({
            decisionId: d.decisionId,
            outcome: format.label(d.outcome),
            status: d.status,
            authority: d.authority,
            decidedAt: d.decidedAt,
            rationale: d.rationale,
            deviation: d.reasonForDeviation,
            became: became(d),
          })),
        })),
      };
    }),
    exchanges: input.timeline
      .filter((e) => RECORD_TYPES.has(e.type))
      .map((e) => ({
        position: e.position,
        type: e.type === 'TccNotified' ? 'Notification' : 'Reply',
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        summary: e.summary,
      })),
    timelineHref: `/ui/incidents/${incident.incidentId}/timeline${input.state}`,
    eventsHref: `/ui/audit?stream=incident-${incident.incidentId}`,
  };
}

function locationOf(location: IncidentFacts['location']): string {
  if (location.latitude === undefined || location.longitude === undefined) return location.name;
  return `${location.name} (${location.latitude}, ${location.longitude})`;
}
