import type { LedgerCommand } from '@blue-ledger/command-handling';
import type { Actor } from '@blue-ledger/event-store';
import { actors, INVESTIGATORS } from '../generate/bench-principals';
import type { SeededRandom } from '../generate/seeded-random';

export interface AppendTargets {
  missions: { code: string; contingentId: string }[];
  openInvestigations: string[];
}

export const WORKLOAD_ACTOR: Actor = actors.investigator(INVESTIGATORS[0]);

/** The JSON bodies the HTTP load sends: the same two commands as the in-process workload. */
export function incidentBody(target: { code: string; contingentId: string }, occurredAt: string) {
  return {
    missionCode: target.code,
    occurredAt,
    location: { name: `Sector North, ${target.code}` },
    category: 'attack_on_civilians' as const,
    summary: 'Armed group attacked a village near the base; patrol dispatched',
    casualties: { civiliansKilled: 2, civiliansInjured: 5 },
    contingentIds: [target.contingentId],
  };
}

export function evidenceBody(sha256: string) {
  return {
    kind: 'testimony' as const,
    description: 'Statement of a witness taken by the investigation team',
    sha256,
    custodian: 'mission investigation unit',
  };
}

/**
 * The appends measured in-process and over HTTP: half new incident reports (a new stream),
 * half evidence logged in an open investigation (read and fold a stream of a dozen events).
 */
export function workloadCommand(
  index: number,
  rnd: SeededRandom,
  targets: AppendTargets,
  now: string,
): LedgerCommand {
  const meta = { now, actor: WORKLOAD_ACTOR };
  if (index % 2 === 0 || targets.openInvestigations.length === 0) {
    const target = rnd.pick(targets.missions);
    const incidentId = rnd.uuid(Date.parse(now));
    return {
      aggregate: 'incident',
      id: incidentId,
      command: {
        type: 'ReportIncident',
        data: { incidentId, ...incidentBody(target, now) },
        meta,
      },
    };
  }
  const investigationId = rnd.pick(targets.openInvestigations);
  return {
    aggregate: 'investigation',
    id: investigationId,
    command: {
      type: 'LogEvidence',
      data: { evidenceId: rnd.uuid(Date.parse(now)), ...evidenceBody(rnd.hex(32)) },
      meta,
    },
  };
}
