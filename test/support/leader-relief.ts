import { handleCommand, IdSource } from '@blue-ledger/command-handling';
import { decisionDecider, streamIds } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import type { LedgerClient } from './http-client';

/**
 * UNMISS's Force Commander appointed and a decision to relieve them recorded (the mission must
 * exist): what a decision's consequence needs.
 */
export async function leaderReliefDecided(
  client: LedgerClient,
): Promise<{ appointmentId: string; decisionId: string }> {
  const appointmentId = (
    await client.as('admin').create('/missions/UNMISS/leaders', {
      role: 'force_commander',
      subjectId: 'subject-fc',
      nationality: 'KEN',
      appointedAt: '2016-05-26T00:00:00+03:00',
    })
  ).id;
  const decisionId = (
    await client.as('decider').create('/decisions', {
      appointmentId,
      scope: 'leader',
      outcome: 'relieve',
      authority: 'Secretary-General',
      rationale: 'A lack of leadership',
      decidedAt: '2016-11-01T10:00:00-04:00',
    })
  ).id;
  return { appointmentId, decisionId };
}

/**
 * The decision's implementation appended straight to the store, and nothing after it: as if
 * the process died between the implementation and the leader's departure it implies.
 */
export async function implementedAsIfTheProcessDied(
  store: EventStore,
  decisionId: string,
): Promise<void> {
  const actor = { id: 'usg-dpo', role: 'decision_authority' } as const;
  await handleCommand(
    store,
    streamIds.decision(decisionId),
    decisionDecider,
    {
      type: 'ImplementRepatriation',
      data: { implementedAt: '2016-11-02T00:00:00+03:00' },
      meta: { now: new Date().toISOString(), actor },
    },
    {
      actor,
      now: new Date().toISOString(),
      correlationId: 'correlation-crash',
      causationId: 'causation-crash',
      ids: IdSource.random(),
    },
  );
}
