import type { RecordedEvent } from '@blue-ledger/event-store';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import {
  canRunACluster,
  ThrowawayCluster,
} from '../../libs/event-store/src/postgres/testing/throwaway-cluster';
import { brokenGlobalOrder } from '../eventstoredb/support/global-order';
import {
  incidentReport,
  registerMissionAndContingent,
  type WriteAnswer,
} from '../reliability/support/ledger-fixtures';
import { readAuditTrail } from '../reliability/support/ledger-reads';
import type { LedgerClient } from '../support/http-client';
import { readModelsAt } from '../support/read-models';
import { PostgresDeployment } from './support/postgres-deployment';

const WRITERS_PER_API = 4;

interface Attempt {
  tag: string;
  api: number;
  status: number | 'no answer';
  body: unknown;
  contentType?: string | null;
  retryAfter?: string | null;
  /** Sent after the server was started again. */
  afterRestart: boolean;
}

// Crashing the server under DATABASE_URL would break the other test files: this one starts a
// cluster of its own with .ci/postgres.sh (it needs initdb and pg_ctl installed).
const runnable = (DATABASE_URL !== undefined || Boolean(process.env.CI)) && canRunACluster();
if (!runnable) {
  console.warn(
    'PostgreSQL crashed under running API instances was NOT run: needs DATABASE_URL and initdb/pg_ctl',
  );
}

(runnable ? describe : describe.skip)('PostgreSQL crashed under two running API processes', () => {
  let cluster: ThrowawayCluster;
  let deployment: PostgresDeployment;

  beforeAll(async () => {
    cluster = await ThrowawayCluster.start();
    deployment = await PostgresDeployment.create(cluster.url);
    await deployment.startApi();
    await deployment.startApi();
  }, 120_000);

  afterAll(async () => {
    await deployment?.tearDown().catch(() => undefined);
    await cluster?.stop();
  }, 60_000);

  it('answers 503 with Retry-After while it is down, keeps every acknowledged write exactly once, and recovers without a restart', async () => {
    const [first] = deployment.apis;
    const contingentId = await registerMissionAndContingent(first.client);
    const attempts: Attempt[] = [];
    let restarted = false;
    let stop = false;
    let sequence = 0;

    const writer = async (client: LedgerClient, api: number) => {
      const investigator = client.as('investigator');
      while (!stop) {
        const tag = `Write ${sequence++} through API ${api + 1}`;
        const afterRestart = restarted;
        try {
          const response = await investigator.post('/incidents', incidentReport(contingentId, tag));
          attempts.push({
            tag,
            api,
            status: response.status,
            body: response.body,
            contentType: response.contentType,
            retryAfter: response.headers.get('retry-after'),
            afterRestart,
          });
          if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
        } catch (error) {
          attempts.push({ tag, api, status: 'no answer', body: String(error), afterRestart });
        }
      }
    };
    const acknowledged = () => attempts.filter((a) => a.status === 201);
    const until = async (condition: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`waited a minute for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    const writers = deployment.apis.flatMap((api, index) =>
      Array.from({ length: WRITERS_PER_API }, () => writer(api.client, index)),
    );
    try {
      await until(() => acknowledged().length >= 30, '30 acknowledged writes');
      await cluster.crash();
      await until(
        () =>
          deployment.apis.every((_, api) =>
            attempts.some((a) => a.api === api && a.status === 503),
          ),
        'a 503 from every instance',
      );
      await cluster.resume();
      restarted = true;
      await until(
        () =>
          deployment.apis.every(
            (_, api) =>
              attempts.filter((a) => a.api === api && a.afterRestart && a.status === 201).length >=
              5,
          ),
        'five acknowledged writes on every instance after the restart',
      );
    } finally {
      stop = true;
      await Promise.all(writers);
    }

    // While it was down: 503 problem+json with Retry-After, nothing else.
    const unexpected = attempts.filter((a) => a.status !== 201 && a.status !== 503);
    expect(unexpected.map((a) => `${a.tag}: ${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    const unavailable = attempts.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const answer of unavailable) {
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ type: 'urn:blue-ledger:problem:store_unavailable' });
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    // The same processes answered before and after: none was restarted.
    for (const api of deployment.apis) expect(api.child.exitCode).toBeNull();

    const events = await deployment.store.readAll();
    expect(brokenGlobalOrder(events)).toEqual([]);
    const problems: string[] = [];
    for (const attempt of attempts) {
      const found = events.filter(
        (e: RecordedEvent) => e.type === 'IncidentReported' && e.data.summary === attempt.tag,
      );
      if (attempt.status === 201) {
        const answer = attempt.body as WriteAnswer;
        if (found.length !== 1)
          problems.push(`${attempt.tag}: acknowledged, found ${found.length} times`);
        else if (Number(found[0].globalPosition) !== answer.position) {
          problems.push(
            `${attempt.tag}: acknowledged at ${answer.position}, stored at ${found[0].globalPosition}`,
          );
        }
      } else if (found.length > 1) {
        // A 503's outcome is unknown (the commit may have happened): at most once, never twice.
        problems.push(`${attempt.tag}: ${attempt.status}, stored ${found.length} times`);
      }
    }
    expect(problems).toEqual([]);

    // Each instance's own read models follow the store again, to its head.
    const head = Number(events.at(-1)?.globalPosition);
    for (const api of deployment.apis) {
      await readModelsAt(api.client, head);
      const audited = await readAuditTrail(api.client);
      expect(audited.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    }
  }, 180_000);
});
