/** The events that tell who is linked to what; the scope folds only these. */
export const SCOPE_EVENT_TYPES = [
  'LeaderAppointed',
  'ContingentRegistered',
  'ContingentRotated',
  'ContingentEvaluated',
  'ContingentCommended',
  'ContingentStrengthReported',
  'TccNotified',
  'TccResponseRecorded',
  'IncidentReported',
  'IncidentUnitsLinked',
  'IncidentInvestigatorAssigned',
  'InvestigationOpened',
  'InvestigatorAssigned',
  'EvidenceLogged',
  'FindingRecorded',
  'FindingRevised',
  'UnitNamed',
  'RecommendationIssued',
  'RepatriationDecided',
] as const;

export interface ScopeEvent {
  type: string;
  data: Record<string, unknown>;
}

interface Attribution {
  level?: string;
  contingentId?: string;
  country?: string;
  appointmentId?: string;
}

export interface FindingScope {
  investigationId: string;
  /** Every unit the finding was ever attributed to, revisions included. */
  contingentIds: Set<string>;
  /** Member states it was ever attributed to. */
  countries: Set<string>;
  /** Mission leaders' appointments it ever named. */
  appointmentIds: Set<string>;
}

/** Ids the ledger holds and what links them: who is assigned where, which unit is whose. */
export class AccessScope {
  readonly contingentCountry = new Map<string, string>();
  /** Each mission leader's appointment, and the leader's nationality. */
  readonly appointmentNationality = new Map<string, string>();
  readonly incidentUnits = new Map<string, Set<string>>();
  readonly investigationIncidents = new Map<string, string[]>();
  readonly investigators = new Map<string, Set<string>>();
  /** Investigators assigned to an incident itself (IncidentInvestigatorAssigned). */
  readonly incidentInvestigators = new Map<string, Set<string>>();
  readonly findings = new Map<string, FindingScope>();
  readonly namings = new Map<string, { investigationId: string; contingentId: string }>();
  readonly recommendations = new Map<
    string,
    { investigationId: string; contingentId?: string; appointmentId?: string; findingIds: string[] }
  >();
  readonly decisions = new Map<
    string,
    { contingentId?: string; appointmentId?: string; recommendationId?: string }
  >();
  /** Rotations, evaluations, commendations, notifications and replies: each belongs to a unit. */
  readonly unitRecords = new Map<string, string>();
  readonly evidence = new Set<string>();

  apply(event: ScopeEvent): void {
    const d = event.data;
    const str = (field: string) => d[field] as string;
    const strings = (field: string) => (Array.isArray(d[field]) ? (d[field] as string[]) : []);
    switch (event.type) {
      case 'LeaderAppointed':
        this.appointmentNationality.set(str('appointmentId'), str('nationality'));
        break;
      case 'ContingentRegistered':
        this.contingentCountry.set(str('contingentId'), str('country'));
        break;
      case 'ContingentRotated':
      case 'ContingentEvaluated':
      case 'ContingentCommended':
      case 'ContingentStrengthReported':
      case 'TccNotified':
      case 'TccResponseRecorded': {
        const idField = {
          ContingentRotated: 'rotationId',
          ContingentEvaluated: 'evaluationId',
          ContingentCommended: 'commendationId',
          ContingentStrengthReported: 'reportId',
          TccNotified: 'notificationId',
          TccResponseRecorded: 'responseId',
        }[event.type];
        this.unitRecords.set(str(idField), str('contingentId'));
        break;
      }
      case 'IncidentReported':
      case 'IncidentUnitsLinked': {
        const units = this.incidentUnits.get(str('incidentId')) ?? new Set<string>();
        for (const id of strings('contingentIds')) units.add(id);
        this.incidentUnits.set(str('incidentId'), units);
        break;
      }
      case 'IncidentInvestigatorAssigned': {
        const assigned = this.incidentInvestigators.get(str('incidentId')) ?? new Set<string>();
        this.incidentInvestigators.set(str('incidentId'), assigned.add(str('investigatorId')));
        break;
      }
      case 'InvestigationOpened':
        this.investigationIncidents.set(str('investigationId'), strings('incidentIds'));
        break;
      case 'InvestigatorAssigned': {
        const assigned = this.investigators.get(str('investigationId')) ?? new Set<string>();
        this.investigators.set(str('investigationId'), assigned.add(str('investigatorId')));
        break;
      }
      case 'EvidenceLogged':
        this.evidence.add(str('evidenceId'));
        break;
      case 'FindingRecorded':
        this.findings.set(str('findingId'), {
          investigationId: str('investigationId'),
          contingentIds: new Set(),
          countries: new Set(),
          appointmentIds: new Set(),
        });
        this.attribute(str('findingId'), d.attributions);
        break;
      case 'FindingRevised':
        this.attribute(str('findingId'), (d.changes as { attributions?: unknown })?.attributions);
        break;
      case 'UnitNamed':
        this.namings.set(str('namingId'), {
          investigationId: str('investigationId'),
          contingentId: str('contingentId'),
        });
        break;
      case 'RecommendationIssued':
        this.recommendations.set(str('recommendationId'), {
          investigationId: str('investigationId'),
          ...(typeof d.contingentId === 'string' && { contingentId: d.contingentId }),
          ...(typeof d.appointmentId === 'string' && { appointmentId: d.appointmentId }),
          findingIds: strings('findingIds'),
        });
        break;
      case 'RepatriationDecided': {
        const answered = d.recommendation as { recommendationId?: string } | undefined;
        this.decisions.set(str('decisionId'), {
          ...(typeof d.contingentId === 'string' && { contingentId: d.contingentId }),
          ...(typeof d.appointmentId === 'string' && { appointmentId: d.appointmentId }),
          ...(answered?.recommendationId && { recommendationId: answered.recommendationId }),
        });
        break;
      }
    }
  }

  isAssigned(investigationId: string, principalId: string): boolean {
    return this.investigators.get(investigationId)?.has(principalId) ?? false;
  }

  /** Assigned to the incident itself, or to an investigation that covers it. */
  isAssignedToIncident(incidentId: string, principalId: string): boolean {
    return (
      (this.incidentInvestigators.get(incidentId)?.has(principalId) ?? false) ||
      this.investigationsOf(incidentId).some((id) => this.isAssigned(id, principalId))
    );
  }

  /** Investigations that cover the incident. */
  investigationsOf(incidentId: string): string[] {
    return [...this.investigationIncidents]
      .filter(([, incidents]) => incidents.includes(incidentId))
      .map(([investigationId]) => investigationId);
  }

  private attribute(findingId: string, attributions: unknown): void {
    const finding = this.findings.get(findingId);
    if (!finding || !Array.isArray(attributions)) return;
    for (const a of attributions as Attribution[]) {
      if (a?.level === 'unit' && a.contingentId) finding.contingentIds.add(a.contingentId);
      if (a?.level === 'member_state' && a.country) finding.countries.add(a.country);
      if (a?.level === 'role' && a.appointmentId) finding.appointmentIds.add(a.appointmentId);
    }
  }
}
