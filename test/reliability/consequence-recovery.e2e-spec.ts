import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp, type RunningApp } from '../support/in-process-app';
import { implementedAsIfTheProcessDied, leaderReliefDecided } from '../support/leader-relief';

/**
 * Implementing a decision to relieve a leader appends twice: the implementation on the
 * decision's stream, then the departure on the mission's. A process dying between the two
 * leaves the first alone in the ledger; the next start records the second, once.
 */
describe('An implementation whose consequence was never recorded', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-recovery-'));
  let running: RunningApp | undefined;
  let decisionId: string;

  afterAll(async () => {
    await running?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const departures = async (app: RunningApp) =>
    (await app.client.as('reviewer').get('/audit?type=LeaderDeparted')).body.events as {
      data: { decisionId?: string; reason: string };
    }[];

  it('is recorded when the ledger starts again (unless told not to), and not twice on the start after', async () => {
    running = await startApp({ LEDGER_DATA_DIR: dataDir });
    await running.client
      .as('admin')
      .create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' });
    ({ decisionId } = await leaderReliefDecided(running.client));
    // The implementation's own append, and nothing after it: as if the process died there.
    await implementedAsIfTheProcessDied(running.app.get<EventStore>(EVENT_STORE), decisionId);
    await running.close();
    running = undefined;

    // Switched off (as the bench's server is), a start leaves the ledger as it is.
    const untouched = await startApp({
      LEDGER_DATA_DIR: dataDir,
      LEDGER_RECORD_PENDING_CONSEQUENCES: 'false',
    });
    running = untouched;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await departures(untouched)).toEqual([]);
    await untouched.close();
    running = undefined;

    const restarted = await startApp({ LEDGER_DATA_DIR: dataDir });
    running = restarted;
    const deadline = Date.now() + 30_000; // a bound for a failing test only
    while ((await departures(restarted)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await departures(restarted)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ decisionId, reason: 'relieved' }),
      }),
    ]);
    const followThrough = await restarted.client.as('reviewer').get('/follow-through');
    expect(followThrough.body.implementedWithoutConsequence.total).toBe(0);
    await restarted.close();
    running = undefined;

    const again = await startApp({ LEDGER_DATA_DIR: dataDir });
    running = again;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await departures(again)).toHaveLength(1);
    const mission = await again.client.as('reviewer').get('/missions/UNMISS');
    expect(mission.body.leadership[0].departure).toMatchObject({ reason: 'relieved', decisionId });
  });
});
