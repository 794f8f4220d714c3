import type { LedgerEvent } from '@blue-ledger/domain';
import type { ProposedEvent } from '@blue-ledger/event-store';

export interface SyntheticEvent {
  streamId: string;
  event: ProposedEvent;
}

/** A small deterministic PRNG (mulberry32), so that a seed gives the same ledger every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIGHTS = {
  IncidentReported: 6,
  IncidentAmended: 2,
  IncidentUnitsLinked: 1,
  IncidentClosed: 1,
  InvestigationOpened: 4,
  InvestigatorAssigned: 2,
  EvidenceLogged: 24,
  EvidenceCustodyTransferred: 8,
  FindingRecorded: 14,
  FindingRevised: 4,
  FindingWithdrawn: 1,
  UnitNamed: 2,
  RecommendationIssued: 5,
  InvestigationReportSubmitted: 1,
  RepatriationDecided: 3,
  RepatriationImplemented: 1.5,
  RepatriationLapsed: 0.5,
  RepatriationReversed: 0.3,
  TccNotified: 5,
  TccResponseRecorded: 4,
  ContingentRotated: 3,
  ContingentEvaluated: 2,
  ContingentCommended: 1,
  ContingentRegistered: 0.5,
  ContingentWithdrawn: 0.4,
  ContingentReturned: 0.3,
  LeaderAppointed: 0.5,
  LeaderDeparted: 0.3,
  NationalInvestigatorAppointed: 1,
} as const;

type Kind = keyof typeof WEIGHTS;
const KINDS = Object.keys(WEIGHTS) as Kind[];
const TOTAL = KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
const MISSIONS = ['UNMISS', 'MINUSCA', 'MINUSMA', 'MONUSCO', 'UNIFIL'];
const COUNTRIES = ['IND', 'BGD', 'NPL', 'RWA', 'PAK', 'ETH', 'CHN', 'GHA', 'SEN', 'EGY'];
const RECENT = 400;
const TEXT =
  'Sentries abandoned their posts at the perimeter while armed men entered the site; the quick reaction force did not deploy for several hours';

/**
 * A plausible ledger of `count` events across missions, contingents, incidents, investigations
 * and decisions, in a valid order (a finding only in an opened investigation, a decision only
 * on an issued recommendation...). For load: rebuild speed and query latency at scale.
 */
export function* syntheticLedger(
  count: number,
  seed = 7,
  { units = 50 }: { units?: number } = {},
): Generator<SyntheticEvent> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const recent = <T>(items: T[]): T =>
    items[items.length - 1 - Math.floor(next() * Math.min(RECENT, items.length))];
  let n = 0;
  let clock = Date.parse('2010-01-01T00:00:00.000Z');
  const contingents: string[] = [];
  const incidents: string[] = [];
  const investigations: { id: string; evidence: string[]; findings: string[]; units: string[] }[] =
    [];
  const recommendations: { id: string; investigationId: string; contingentId: string }[] = [];
  const decided: string[] = [];
  const notifications: { id: string; contingentId: string }[] = [];
  const appointments: { id: string; missionCode: string }[] = [];
  const withdrawn: string[] = [];

  const emit = (streamId: string, e: LedgerEvent, occurredAt?: string): SyntheticEvent => {
    n += 1;
    clock += 1000 + Math.floor(next() * 600_000);
    const hash = n.toString(16).padStart(64, '0');
    const event: ProposedEvent = {
      eventId: `synthetic-${seed}-${n}`,
      type: e.type,
      schemaVersion: 1,
      data: e.data as unknown as Record<string, unknown>,
      recordedAt: new Date(clock).toISOString(),
      actor: { id: `principal-${n % 50}`, role: 'investigator' },
      correlationId: `correlation-${n}`,
      causationId: `causation-${n}`,
      prevHash: (n - 1).toString(16).padStart(64, '0'),
      hash,
    };
    if (occurredAt !== undefined) event.occurredAt = occurredAt;
    return { streamId, event };
  };
  const register = (): SyntheticEvent => {
    const contingentId = `unit-${contingents.length + 1}`;
    contingents.push(contingentId);
    return emit(`contingent-${contingentId}`, {
      type: 'ContingentRegistered',
      data: {
        contingentId,
        country: pick(COUNTRIES),
        unitType: 'infantry_battalion',
        designation: `BATT-${contingents.length}`,
        missionCode: pick(MISSIONS),
        strength: 850,
      },
    });
  };

  for (const code of MISSIONS) {
    if (n >= count) return;
    yield emit(`mission-${code}`, {
      type: 'MissionRegistered',
      data: { code, name: `Mission ${code}`, hostCountry: 'SSD' },
    });
  }
  while (n < count && contingents.length < units) yield register();
  while (n < count) {
    const made = make(pickKind());
    if (made !== null) yield made;
  }

  function pickKind(): Kind {
    let roll = next() * TOTAL;
    for (const kind of KINDS) {
      roll -= WEIGHTS[kind];
      if (roll < 0) return kind;
    }
    return 'EvidenceLogged';
  }

  function make(kind: Kind): SyntheticEvent | null {
    const investigation = investigations.length > 0 ? recent(investigations) : null;
    const on = (e: LedgerEvent) => emit(`investigation-${investigation?.id}`, e);
    switch (kind) {
      case 'ContingentRegistered':
        return register();
      case 'IncidentReported': {
        const incidentId = `incident-${incidents.length + 1}`;
        incidents.push(incidentId);
        const occurredAt = new Date(clock - Math.floor(next() * 5 * 86_400_000)).toISOString();
        return emit(
          `incident-${incidentId}`,
          {
            type: 'IncidentReported',
            data: {
              incidentId,
              missionCode: pick(MISSIONS),
              occurredAt,
              location: { name: 'POC site', latitude: 9.5, longitude: 31.6 },
              category: pick([
                'attack_on_poc_site',
                'failure_to_protect',
                'misconduct',
                'sexual_exploitation_and_abuse',
              ] as const),
              summary: TEXT,
              casualties: { civiliansKilled: Math.floor(next() * 30) },
              contingentIds: [recent(contingents)],
              subjects: [{ subjectId: `subject-${n}`, role: 'victim' }],
            },
          },
          occurredAt,
        );
      }
      case 'IncidentAmended':
      case 'IncidentUnitsLinked':
      case 'IncidentClosed': {
        if (incidents.length === 0) return null;
        const incidentId = recent(incidents);
        const stream = `incident-${incidentId}`;
        if (kind === 'IncidentAmended') {
          const changes =
            next() < 0.3
              ? { category: pick(['misconduct', 'sexual_exploitation_and_abuse'] as const) }
              : { casualties: { civiliansKilled: 3 } };
          return emit(stream, { type: kind, data: { incidentId, changes, reason: 'Reports' } });
        }
        if (kind === 'IncidentUnitsLinked') {
          return emit(stream, {
            type: kind,
            data: { incidentId, contingentIds: [recent(contingents)] },
          });
        }
        return emit(stream, { type: kind, data: { incidentId, reason: 'Concluded' } });
      }
      case 'InvestigationOpened': {
        if (incidents.length === 0) return null;
        const id = `investigation-${investigations.length + 1}`;
        investigations.push({ id, evidence: [], findings: [], units: [] });
        return emit(`investigation-${id}`, {
          type: kind,
          data: {
            investigationId: id,
            incidentIds:
              next() < 0.2 ? [recent(incidents), recent(incidents)] : [recent(incidents)],
            kind: next() < 0.3 ? 'national_investigation' : 'board_of_inquiry',
            title: 'Board of Inquiry',
            ...(next() < 0.3 && { dueBy: new Date(clock + 60 * 86_400_000).toISOString() }),
          },
        });
      }
      case 'NationalInvestigatorAppointed':
        if (!investigation) return null;
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            country: 'IND',
            appointedAt: new Date(clock - Math.floor(next() * 10 * 86_400_000)).toISOString(),
          },
        });
      case 'LeaderAppointed': {
        const appointment = { id: `appointment-${n}`, missionCode: pick(MISSIONS) };
        appointments.push(appointment);
        return emit(`mission-${appointment.missionCode}`, {
          type: kind,
          data: {
            missionCode: appointment.missionCode,
            appointmentId: appointment.id,
            role: pick(['force_commander', 'srsg', 'sector_commander'] as const),
            subjectId: `subject-${n}`,
            nationality: pick(COUNTRIES),
            appointedAt: new Date(clock - 400 * 86_400_000).toISOString(),
          },
        });
      }
      case 'LeaderDeparted': {
        const appointment = appointments.shift();
        if (appointment === undefined) return null;
        return emit(`mission-${appointment.missionCode}`, {
          type: kind,
          data: {
            missionCode: appointment.missionCode,
            appointmentId: appointment.id,
            at: new Date(clock).toISOString(),
            reason: pick(['end_of_assignment', 'relieved', 'resigned'] as const),
          },
        });
      }
      case 'ContingentWithdrawn': {
        const contingentId = pick(contingents);
        if (withdrawn.includes(contingentId)) return null;
        withdrawn.push(contingentId);
        return emit(`contingent-${contingentId}`, {
          type: kind,
          data: {
            contingentId,
            at: new Date(clock).toISOString(),
            by: pick(['contributing_country', 'united_nations'] as const),
            reason: 'In protest',
          },
        });
      }
      case 'ContingentReturned': {
        const contingentId = withdrawn.shift();
        if (contingentId === undefined) return null;
        return emit(`contingent-${contingentId}`, {
          type: kind,
          data: { contingentId, at: new Date(clock).toISOString(), strength: 600 },
        });
      }
      case 'InvestigatorAssigned':
        if (!investigation) return null;
        return on({
          type: kind,
          data: { investigationId: investigation.id, investigatorId: `principal-${n % 50}` },
        });
      case 'EvidenceLogged': {
        if (!investigation) return null;
        const evidenceId = `evidence-${n}`;
        investigation.evidence.push(evidenceId);
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            evidenceId,
            kind: 'testimony',
            description: TEXT,
            sha256: 'c'.repeat(64),
            custodian: 'Board',
            subjects: [{ subjectId: `subject-${n}`, role: 'witness' }],
          },
        });
      }
      case 'EvidenceCustodyTransferred':
        if (!investigation || investigation.evidence.length === 0) return null;
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            evidenceId: pick(investigation.evidence),
            fromCustodian: 'Board',
            toCustodian: 'OIOS',
            transferredAt: new Date(clock).toISOString(),
            reason: 'Referral',
          },
        });
      case 'FindingRecorded': {
        if (!investigation) return null;
        const findingId = `finding-${n}`;
        const unit = recent(contingents);
        investigation.findings.push(findingId);
        investigation.units.push(unit);
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            findingId,
            statement: TEXT,
            category: 'abandonment_of_post',
            attributions:
              appointments.length > 0 && next() < 0.2
                ? [
                    { level: 'unit', contingentId: unit },
                    {
                      level: 'role',
                      role: 'force_commander',
                      appointmentId: recent(appointments).id,
                    },
                  ]
                : next() < 0.1
                  ? [
                      { level: 'unit', contingentId: unit },
                      { level: 'role', role: 'force_commander' },
                    ]
                  : [{ level: 'unit', contingentId: unit }],
            severity: 'high',
            evidenceIds: investigation.evidence.slice(-2),
            contextFactors: ['54 peacekeepers guarding a camp of 20,000'],
          },
        });
      }
      case 'FindingRevised':
      case 'FindingWithdrawn': {
        if (!investigation || investigation.findings.length === 0) return null;
        const findingId = pick(investigation.findings);
        if (kind === 'FindingWithdrawn') {
          return on({
            type: kind,
            data: { investigationId: investigation.id, findingId, reason: 'Unfounded' },
          });
        }
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            findingId,
            changes: { severity: 'medium' },
            reason: 'Review',
          },
        });
      }
      case 'UnitNamed':
        if (!investigation || investigation.units.length === 0) return null;
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            namingId: `naming-${n}`,
            contingentId: pick(investigation.units),
            findingIds: investigation.findings.slice(-1),
            public: next() < 0.5,
          },
        });
      case 'RecommendationIssued': {
        if (!investigation || investigation.units.length === 0) return null;
        const recommendation = {
          id: `recommendation-${n}`,
          investigationId: investigation.id,
          contingentId: pick(investigation.units),
        };
        recommendations.push(recommendation);
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            recommendationId: recommendation.id,
            action: 'repatriate_unit',
            contingentId: recommendation.contingentId,
            subjectIds: [],
            findingIds: investigation.findings.slice(-1),
            rationale: TEXT,
          },
        });
      }
      case 'InvestigationReportSubmitted':
        if (!investigation) return null;
        return on({
          type: kind,
          data: {
            investigationId: investigation.id,
            summary: TEXT,
            submittedAt: new Date(clock).toISOString(),
          },
        });
      case 'RepatriationDecided': {
        if (recommendations.length === 0) return null;
        const answered = recent(recommendations);
        const decisionId = `decision-${n}`;
        const outcome = pick(['repatriate', 'repatriate', 'retain', 'defer'] as const);
        if (outcome === 'repatriate') decided.push(decisionId);
        return emit(`decision-${decisionId}`, {
          type: kind,
          data: {
            decisionId,
            recommendation: {
              recommendationId: answered.id,
              investigationId: answered.investigationId,
              action: 'repatriate_unit',
            },
            contingentId: answered.contingentId,
            scope: 'unit',
            outcome,
            authority: 'Under-Secretary-General for Peace Operations',
            rationale: TEXT,
            reasonForDeviation: outcome === 'repatriate' ? undefined : 'Operational needs',
            subjectIds: [],
            decidedAt: new Date(clock).toISOString(),
          },
        });
      }
      case 'RepatriationImplemented':
      case 'RepatriationLapsed':
      case 'RepatriationReversed': {
        const decisionId = decided.pop();
        if (decisionId === undefined) return null;
        const stream = `decision-${decisionId}`;
        if (kind === 'RepatriationImplemented') {
          return emit(stream, {
            type: kind,
            data: { decisionId, implementedAt: new Date(clock).toISOString() },
          });
        }
        return emit(stream, { type: kind, data: { decisionId, reason: 'Overtaken by events' } });
      }
      case 'TccNotified': {
        if (!investigation || investigation.units.length === 0) return null;
        const notification = { id: `notification-${n}`, contingentId: pick(investigation.units) };
        notifications.push(notification);
        return emit(`contingent-${notification.contingentId}`, {
          type: kind,
          data: {
            contingentId: notification.contingentId,
            notificationId: notification.id,
            country: 'IND',
            subjectStreamId: `investigation-${investigation.id}`,
            notifiedAt: new Date(clock).toISOString(),
            channel: 'note_verbale',
          },
        });
      }
      case 'TccResponseRecorded': {
        if (notifications.length === 0) return null;
        const notification = recent(notifications);
        return emit(`contingent-${notification.contingentId}`, {
          type: kind,
          data: {
            contingentId: notification.contingentId,
            responseId: `response-${n}`,
            country: 'IND',
            regarding: notification.id,
            statement: TEXT,
            respondedAt: new Date(clock).toISOString(),
          },
        });
      }
      case 'ContingentRotated':
      case 'ContingentEvaluated':
      case 'ContingentCommended': {
        const contingentId = pick(contingents);
        const stream = `contingent-${contingentId}`;
        const at = new Date(clock).toISOString();
        if (kind === 'ContingentRotated') {
          return emit(stream, {
            type: kind,
            data: { contingentId, rotationId: `rotation-${n}`, startedAt: at },
          });
        }
        if (kind === 'ContingentEvaluated') {
          return emit(stream, {
            type: kind,
            data: {
              contingentId,
              evaluationId: `evaluation-${n}`,
              evaluatedAt: at,
              rating: 'meets_standard',
              summary: TEXT,
            },
          });
        }
        return emit(stream, {
          type: kind,
          data: { contingentId, commendationId: `commendation-${n}`, at, citation: TEXT },
        });
      }
    }
  }
}
