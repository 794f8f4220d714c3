import { Injectable } from '@nestjs/common';
import type { Appointment } from '@blue-ledger/domain';
import type { ContingentState } from '@blue-ledger/projections';
import type { ActingPrincipal } from '../../../auth/principal';
import { AccessView } from '../../../access/access-view';
import { ContingentListingQuery } from '../../../contingents/contingent.queries';
import { IncidentListingQuery } from '../../../incidents/incident.queries';
import { MissionListingQuery } from '../../../missions/mission.queries';
import { RecommendationListingQuery } from '../../../recommendations/recommendation.queries';
import type { PageReads } from '../../rendering/page-reads';
import type { PageRequest } from '../../sessions/page-access';
import { ApiWrites } from './api-writes';

export interface InvestigationAnswer {
  investigationId: string;
  status: 'open' | 'closed';
  incidentIds: string[];
  kind: string;
  title: string;
  investigators: string[];
  /** With a national investigation: its officers, the first of whom fixes its country. */
  nationalInvestigators?: { country: string; appointedAt: string; subjectId?: string }[];
  evidence: Record<string, { evidenceId: string; kind: string; custodian: string }>;
  findings: Record<
    string,
    {
      findingId: string;
      statement: string;
      category: string;
      severity: string;
      withdrawn: boolean;
      attributions: {
        level: string;
        contingentId?: string;
        role?: string;
        appointmentId?: string;
      }[];
      contextFactors?: string[];
    }
  >;
  recommendations: Record<string, { recommendationId: string; action: string }>;
  revision: number;
}

export interface IncidentAnswer {
  incidentId: string;
  status: string;
  missionCode: string;
  facts: { summary: string; category: string; occurredAt: string };
  contingentIds?: string[];
  investigators?: string[];
  revision: number;
}

export interface ContingentAnswer {
  contingentId: string;
  country: string;
  designation: string;
  missionCode: string;
  /** Deployed, or gone (withdrawn by its country or the UN, repatriated) since when and why. */
  presence: { status: 'deployed' | 'withdrawn' | 'repatriated'; since?: string; reason?: string };
  strength?: number | null;
  notifications: Record<string, { notifiedAt: string; subjectStreamId: string }>;
  revision: number;
}

/** A mission with its leadership over time (GET /missions/:code). */
export interface MissionAnswer {
  code: string;
  name: string;
  leadership: Appointment[];
  revision: number;
}

export interface UnitChoice {
  contingentId: string;
  designation: string;
  country: string;
  missionCode: string;
}

/**
 * What the forms read to offer their choices and show their record: the JSON API's own reads
 * (its GET methods and its query handlers), each answer through the same access view as a JSON
 * answer, so that a liaison's form never offers another country's unit.
 */
@Injectable()
export class LedgerLookups {
  constructor(
    private readonly api: ApiWrites,
    private readonly view: AccessView,
  ) {}

  private seen<T>(request: PageRequest, answer: unknown): Promise<T> {
    const principal = request.principal as ActingPrincipal;
    return this.view.of(answer, principal, `${request.method} ${request.originalUrl}`, {
      disclose: false,
    }) as Promise<T>;
  }

  async investigation(request: PageRequest, id: string): Promise<InvestigationAnswer> {
    return this.seen(request, await this.api.investigations.get(id, {}));
  }

  async incident(request: PageRequest, id: string): Promise<IncidentAnswer> {
    return this.seen(request, await this.api.incidents.get(id, {}));
  }

  async contingent(request: PageRequest, id: string): Promise<ContingentAnswer> {
    const principal = request.principal as ActingPrincipal;
    return this.seen(request, await this.api.contingents.get(id, {}, principal));
  }

  async mission(request: PageRequest, code: string): Promise<MissionAnswer> {
    return this.seen(request, await this.api.missions.get(code, {}));
  }

  async decision(request: PageRequest, id: string): Promise<Record<string, unknown>> {
    return this.seen(request, await this.api.decisions.get(id, {}));
  }

  async units(reads: PageReads, request: PageRequest, ids?: string[]): Promise<UnitChoice[]> {
    if (ids) {
      const names = await reads.unitNames(request, ids);
      return ids.flatMap((id) => {
        const unit = names.get(id);
        return unit ? [unit] : [];
      });
    }
    return this.unitStates(reads, request);
  }

  /**
   * Every unit the reader may see with where it stands now, from the contingents read model
   * (no fold of each unit's stream).
   */
  async unitStates(reads: PageReads, request: PageRequest): Promise<ContingentState[]> {
    const all: ContingentState[] = [];
    for (let after: string | undefined; ;) {
      const page = await reads.read<{ items: ContingentState[]; next: string | null }>(
        request,
        new ContingentListingQuery({}, { limit: 200, after }),
      );
      all.push(...page.items);
      if (!page.next) return all;
      after = page.next;
    }
  }

  async missions(
    reads: PageReads,
    request: PageRequest,
  ): Promise<{ code: string; name: string }[]> {
    const answer = await reads.read<{ items: { code: string; name: string }[] }>(
      request,
      new MissionListingQuery(),
    );
    return answer.items;
  }

  async incidents(
    reads: PageReads,
    request: PageRequest,
    status?: 'open' | 'closed',
  ): Promise<{ incidentId: string; missionCode: string; summary: string; occurredAt: string }[]> {
    const answer = await reads.read<{
      items: { incidentId: string; missionCode: string; summary: string; occurredAt: string }[];
    }>(request, new IncidentListingQuery({ status }, { limit: 200 }));
    return answer.items;
  }

  async recommendations(
    reads: PageReads,
    request: PageRequest,
    status?: 'undecided',
  ): Promise<
    {
      recommendationId: string;
      investigationId: string;
      action: string;
      contingentId: string | null;
      appointmentId?: string | null;
      rationale: string;
      findingIds: string[];
      status: string;
    }[]
  > {
    const answer = await reads.read<{
      items: {
        recommendationId: string;
        investigationId: string;
        action: string;
        contingentId: string | null;
        appointmentId?: string | null;
        rationale: string;
        findingIds: string[];
        status: string;
      }[];
    }>(request, new RecommendationListingQuery(status, { limit: 200 }));
    return answer.items;
  }

  /**
   * Every principal, as `GET /principals` answers an admin (configured ones and those of the
   * store, with their token ids and states; never a token). Only admins' forms ask.
   */
  async principals(): Promise<ListedPrincipal[]> {
    return (await this.api.principals.list()).items as ListedPrincipal[];
  }
}

/** A principal as `GET /principals` lists it: `tokens` only for those of the store. */
export interface ListedPrincipal {
  id: string;
  name: string;
  roles: string[];
  country?: string;
  source: 'configuration' | 'store';
  createdAt?: string;
  createdBy?: string;
  tokens?: { tokenId: string; createdAt: string; revokedAt: string | null }[];
}
