import { handleCommand, IdSource } from '@blue-ledger/command-handling';
import { streamIds, subjectDecider } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import { implementedAsIfTheProcessDied, leaderReliefDecided } from '../../support/leader-relief';
import type { PostgresDeployment } from './postgres-deployment';

/**
 * A subject's erasure appended alone, by a process that died right after it: its key is still
 * there, for the work at start to destroy.
 */
export function erasedAsIfTheProcessDied(store: EventStore, subjectId: string) {
  const actor = { id: 'admin-1', role: 'admin' } as const;
  const now = new Date().toISOString();
  return handleCommand(
    store,
    streamIds.subject(subjectId),
    subjectDecider,
    {
      type: 'EraseSubject',
      data: { subjectId, reason: 'The victim asked to be forgotten' },
      meta: { now, actor },
    },
    {
      actor,
      now,
      correlationId: 'correlation-crash',
      causationId: 'causation-crash',
      ids: IdSource.random(),
    },
  );
}

/**
 * A ledger where a process died twice, each time right after an append: an implemented decision
 * to relieve UNMISS's Force Commander without its consequence (the leader's departure), and a
 * victim's erasure without the destruction of their key. The work at start of the next instance
 * is to finish both. Made through an API instance of the deployment (then stopped) and the
 * test's own store.
 */
export async function workLeftAtStart(deployment: PostgresDeployment, victim: string) {
  const setup = await deployment.startApi();
  const admin = setup.client.as('admin');
  await admin.create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' });
  const contingentId = (
    await admin.create('/contingents', {
      country: 'RWA',
      unitType: 'infantry_battalion',
      designation: 'Rwandan battalion',
      missionCode: 'UNMISS',
    })
  ).id;
  const { decisionId } = await leaderReliefDecided(setup.client);
  await setup.client.as('investigator').create('/incidents', {
    missionCode: 'UNMISS',
    occurredAt: '2016-07-10T12:00:00+03:00',
    location: { name: 'Juba' },
    category: 'failure_to_protect',
    summary: 'A victim who will ask to be forgotten',
    contingentIds: [contingentId],
    subjects: [{ subjectId: victim, role: 'victim', details: { name: 'Nyakuma Example' } }],
  });
  await setup.stop();
  await implementedAsIfTheProcessDied(deployment.store, decisionId);
  const erasure = await erasedAsIfTheProcessDied(deployment.store, victim);
  return { contingentId, decisionId, erasurePosition: erasure.position };
}
