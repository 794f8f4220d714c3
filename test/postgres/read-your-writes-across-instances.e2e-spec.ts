import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import {
  incidentReport,
  registerMissionAndContingent,
} from '../reliability/support/ledger-fixtures';
import { amendment } from '../reliability/support/writes-across-instances';
import type { HttpResponse, LedgerClient } from '../support/http-client';
import type { LedgerProcess } from '../support/ledger-process';
import { principals } from '../support/principals';
import { expectProblem } from '../support/problem-assertions';
import { startHeldBackInstance, type HeldBackInstance } from './support/held-back-instance';
import { PageVisitor } from './support/page-visitor';
import { PostgresDeployment } from './support/postgres-deployment';

const describeOnPostgres = DATABASE_URL || process.env.CI ? describe : describe.skip;
if (!DATABASE_URL && !process.env.CI) {
  console.warn('DATABASE_URL is not set: read your writes across instances was NOT run');
}

const ROUNDS = 15;
/** C's wait: short, so that its refusal comes soon; nothing below depends on how soon. */
const HELD_BACK_WAIT_MS = 300;
/** A's and B's: long, so that a slow or paused machine does not turn a wait into a refusal. */
const PATIENT = { LEDGER_READ_WAIT_MS: '30000' };

const MIN = 'Ledger-Min-Position';
const NOTICE = 'This page may not show your last change yet.';

/**
 * Read your writes across API processes on one PostgreSQL: A and B run their projections
 * themselves; C reads the read models of a projector of its own, which the test can pause
 * (SIGSTOP), so that C stays behind for as long as the test says, whatever the machine's speed.
 */
describeOnPostgres('Read your writes across API instances on one PostgreSQL', () => {
  let deployment: PostgresDeployment;
  let a: LedgerProcess;
  let b: LedgerProcess;
  let c: HeldBackInstance;
  let onA: LedgerClient;
  let onB: LedgerClient;
  let contingentId: string;

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
    deployment = await PostgresDeployment.create(DATABASE_URL);
    a = await deployment.startApi({ env: PATIENT });
    b = await deployment.startApi({ env: PATIENT });
    c = await startHeldBackInstance(deployment, {
      LEDGER_READ_WAIT_MS: String(HELD_BACK_WAIT_MS),
    });
    onA = a.client.as('investigator');
    onB = b.client.as('investigator');
    contingentId = await registerMissionAndContingent(a.client);
  }, 180_000);

  afterAll(async () => {
    c?.resume();
    await c?.projector.kill();
    await deployment?.tearDown();
  }, 60_000);

  const positionOf = (response: HttpResponse): number =>
    Number(response.headers.get('ledger-position'));

  it('shows every write made through one instance on the other when asked for its position, round after round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [writer, reader] = round % 2 === 0 ? [onA, onB] : [onB, onA];
      const reported = await writer.create(
        '/incidents',
        incidentReport(contingentId, `Round ${round}: reported`),
      );
      const read = await reader.get(`/incidents/${reported.id}`, {
        [MIN]: String(reported.position),
      });
      expect({ round, status: read.status }).toEqual({ round, status: 200 });
      expect(read.body.facts.summary).toBe(`Round ${round}: reported`);
      expect(positionOf(read)).toBeGreaterThanOrEqual(reported.position);

      const amended = await writer.create(
        `/incidents/${reported.id}/amendments`,
        amendment(`Round ${round}: amended`),
      );
      const list = await reader.get(`/incidents?limit=100`, { [MIN]: String(amended.position) });
      expect(list.status).toBe(200);
      const item = (list.body.items as { incidentId: string; summary: string }[]).find(
        (i) => i.incidentId === reported.id,
      );
      expect(item?.summary).toBe(`Round ${round}: amended`);
      expect(positionOf(list)).toBeGreaterThanOrEqual(amended.position);
    }
  }, 120_000);

  it('answers the position it reflects, which chains into a read on another instance', async () => {
    const reported = await onA.create('/incidents', incidentReport(contingentId, 'Chained'));
    const first = await onA.get(`/incidents/${reported.id}/timeline`);
    expect(first.status).toBe(200);
    const chained = await onB.get(`/incidents/${reported.id}/timeline`, {
      [MIN]: String(positionOf(first)),
    });
    expect(chained.status).toBe(200);
    expect(chained.body).toEqual(first.body);
    expect(positionOf(chained)).toBeGreaterThanOrEqual(positionOf(first));
  });

  it('refuses a position beyond the head of the store at once, on any instance', async () => {
    const head = Number(await deployment.store.headPosition());
    for (const client of [onA, onB, c.api.client.as('investigator')]) {
      const refused = await client.get('/incidents', { [MIN]: String(head + 1000) });
      expectProblem(refused, { status: 400, code: 'position_beyond_head', field: MIN });
    }
  });

  it.each(['next', '12abc', '-1', '3.0', '7, 9'])(
    'refuses %p, not a position, naming the header',
    async (value) => {
      const refused = await onB.get('/incidents', { [MIN]: value });
      expectProblem(refused, { status: 400, code: 'validation_failed', field: MIN });
    },
  );

  describe('on an instance whose read models are held back', () => {
    afterEach(() => c.resume());

    it('answers 503 read_models_behind past its wait, with both positions and Retry-After; then, caught up, the write', async () => {
      const onC = c.api.client.as('investigator');
      c.pause();
      const reported = await onA.create('/incidents', incidentReport(contingentId, 'Held back'));

      const refused = await onC.get(`/incidents/${reported.id}`, {
        [MIN]: String(reported.position),
      });
      const problem = expectProblem(refused, { status: 503, code: 'read_models_behind' });
      const { minPosition, readModelsPosition } = problem as unknown as Record<string, number>;
      expect(minPosition).toBe(reported.position);
      expect(readModelsPosition).toBeLessThan(reported.position);
      expect(refused.headers.get('retry-after')).toBe('1');

      // Let go: a client honouring Retry-After gets its write, whenever the projector catches up.
      c.resume();
      const answer = await untilAnswered(() =>
        onC.get(`/incidents/${reported.id}`, { [MIN]: String(reported.position) }),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.facts.summary).toBe('Held back');
    }, 90_000);
  });

  describe('the web pages of one browser session', () => {
    /** Signs in on A and sends the incident report form there: the receipt's address. */
    async function reportThroughAFormOnA(visitor: PageVisitor, summary: string) {
      const base = a.client.baseUrl;
      expect((await visitor.read(base, '/ui/sign-in')).status).toBe(200);
      expect(
        (await visitor.post(base, '/ui/sign-in', { token: principals.investigator.token })).status,
      ).toBe(303);
      const form = await visitor.read(base, '/ui/forms/incident-report');
      expect(form.status).toBe(200);
      const key = /name="_key" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
      const sent = await visitor.post(base, '/ui/forms/incident-report', {
        _key: key,
        missionCode: 'UNMISS',
        occurredAt: '2016-07-11T09:00:00+03:00',
        category: 'misconduct',
        summary,
        'location.name': 'Juba, UN House',
      });
      expect(sent.status).toBe(303);
      const receipt = sent.headers.get('location') ?? '';
      expect(receipt).toMatch(/^\/ui\/forms\/receipts\/\d+$/);
      return receipt;
    }

    it('follows the redirect of a form sent on A on B, and B shows the receipt and the record', async () => {
      for (let round = 0; round < 5; round++) {
        const visitor = new PageVisitor();
        const summary = `Reported through a form on A, round ${round}`;
        const receiptPath = await reportThroughAFormOnA(visitor, summary);

        const receipt = await visitor.read(b.client.baseUrl, receiptPath);
        expect({ round, status: receipt.status }).toEqual({ round, status: 200 });
        expect(receipt.html).not.toContain(NOTICE);
        const record = /href="(\/ui\/incidents\/[0-9a-f-]{36})"/.exec(receipt.html)?.[1] ?? '';
        expect(record).not.toBe('');
        const page = await visitor.read(b.client.baseUrl, record);
        expect(page.status).toBe(200);
        expect(page.html).toContain(summary);
        expect(page.html).not.toContain(NOTICE);
      }
    }, 120_000);

    it('renders on a held-back instance after the wait, saying it may not show the change yet', async () => {
      const visitor = new PageVisitor();
      c.pause();
      await reportThroughAFormOnA(visitor, 'Reported while C is held back');
      const list = await visitor.read(c.api.client.baseUrl, '/ui/incidents');
      expect(list.status).toBe(200);
      expect(list.html).toContain(NOTICE);
      expect(list.html).not.toContain('Reported while C is held back');

      c.resume();
      const later = await untilPage(visitor, c.api.client.baseUrl, '/ui/incidents', NOTICE);
      expect(later.html).toContain('Reported while C is held back');
    }, 90_000);
  });
});

/** Asks again after each 503's Retry-After, as a client would, for up to a minute. */
async function untilAnswered(ask: () => Promise<HttpResponse>): Promise<HttpResponse> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await ask();
    if (answer.status !== 503 || Date.now() > deadline) return answer;
    const seconds = Number(answer.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/** Reads the page again, a second apart, until it no longer says `notice`, for up to a minute. */
async function untilPage(visitor: PageVisitor, base: string, path: string, notice: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await visitor.read(base, path);
    if (!page.html.includes(notice) || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
