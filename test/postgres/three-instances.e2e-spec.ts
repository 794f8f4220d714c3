import type { RecordedEvent } from '@blue-ledger/event-store';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import { brokenGlobalOrder } from '../eventstoredb/support/global-order';
import {
  incidentReport,
  registerMissionAndContingent,
} from '../reliability/support/ledger-fixtures';
import { readAuditTrail } from '../reliability/support/ledger-reads';
import {
  amendInRounds,
  answeredOtherwise,
  burstFromEveryInstance,
  missingOrDuplicated,
  tagOf,
} from '../reliability/support/writes-across-instances';
import type { LedgerClient } from '../support/http-client';
import { principals } from '../support/principals';
import { readModelsAt } from '../support/read-models';
import { PostgresDeployment } from './support/postgres-deployment';
import { PageVisitor } from './support/page-visitor';
import { signedTreeHeadFromJson, verifyTreeHead } from '@blue-ledger/integrity';
import { inclusionArgs, ledger } from '../integrity/ledger-cli';

const CLIENTS_PER_API = 4;

const describeOnPostgres = DATABASE_URL || process.env.CI ? describe : describe.skip;
if (!DATABASE_URL && !process.env.CI) {
  console.warn('DATABASE_URL is not set: three API instances on PostgreSQL were NOT run');
}

describeOnPostgres('Three API processes on one PostgreSQL', () => {
  let deployment: PostgresDeployment;
  let investigators: LedgerClient[];
  let contingentId: string;
  let incidentId: string;

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
    deployment = await PostgresDeployment.create(DATABASE_URL);
    const apis = [];
    // One after another: the first migrates the schema; then all three at once would do too.
    // Heads only when asked for: a head signed on schedule (a minute after the last, which a
    // slow run reaches) would take a number among those the tests ask for.
    const env = { LEDGER_NOTARY_EVERY_SECONDS: '86400', LEDGER_NOTARY_EVERY_EVENTS: '1000000' };
    for (let i = 0; i < 3; i++) apis.push(await deployment.startApi({ env }));
    investigators = apis.map((api) => api.client.as('investigator'));
    contingentId = await registerMissionAndContingent(apis[0].client);
    incidentId = (
      await investigators[1].create(
        '/incidents',
        incidentReport(contingentId, 'Attack on the POC site'),
      )
    ).id;
  }, 120_000);

  afterAll(async () => {
    await deployment?.tearDown();
  }, 60_000);

  /** Every instance's own read models hold every event of the store, in its order. */
  async function expectEveryInstanceToShowTheStore(events: RecordedEvent[]) {
    const head = Number(events.at(-1)?.globalPosition);
    for (const api of deployment.apis) {
      await readModelsAt(api.client, head);
      const audited = await readAuditTrail(api.client);
      expect(audited.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    }
  }

  describe('amending one incident with If-Match from every instance at once', () => {
    it('lets exactly one write win each revision and refuses every other with a 409', async () => {
      const streamId = `incident-${incidentId}`;
      const winners = await amendInRounds(
        investigators,
        async () => Number((await deployment.store.readStream(streamId)).at(-1)?.streamRevision),
        { incidentId, rounds: 4, clientsPerApi: CLIENTS_PER_API },
      );
      const events = await deployment.store.readAll();
      expect(brokenGlobalOrder(events)).toEqual([]);
      expect(events.filter((e) => e.type === 'IncidentAmended').map(tagOf)).toEqual(winners);
      await expectEveryInstanceToShowTheStore(events);
    });
  });

  describe('a burst of unconditional writes from every instance', () => {
    it('stores each acknowledged write once, where its answer said; every refusal is a 409', async () => {
      const attempts = await burstFromEveryInstance(investigators, {
        contingentId,
        incidentId,
        reports: 1,
        amendments: 2,
        writesPerWriter: 8,
      });
      expect(answeredOtherwise(attempts)).toEqual([]);
      expect(attempts.filter((a) => a.outcome.kind === 'acknowledged').length).toBeGreaterThan(24);
      const events = await deployment.store.readAll();
      expect(brokenGlobalOrder(events)).toEqual([]);
      expect(missingOrDuplicated(attempts, events)).toEqual([]);
      await expectEveryInstanceToShowTheStore(events);
    });
  });

  describe('personal details', () => {
    const VICTIM = 'subject-victim-pg-1';
    const personalOf = async (api: number, streamId: string) => {
      const response = await investigators[api].get(`/streams/${streamId}`);
      expect(response.status).toBe(200);
      return response.body.events.find((e: { personal?: unknown }) => e.personal).personal;
    };

    it('sealed through one instance open on the others, and erased through one are erased on all', async () => {
      const reported = await investigators[0].create('/incidents', {
        ...incidentReport(contingentId, 'Reported with a victim named'),
        subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: 'Amina Shared-Key' } }],
      });
      const streamId = `incident-${reported.id}`;
      for (const api of [1, 2]) {
        expect(await personalOf(api, streamId)).toEqual({ [VICTIM]: { name: 'Amina Shared-Key' } });
      }
      // One access log: both reads, made through two other instances, are in it.
      const log = await deployment.apis[0].client
        .as('oversight')
        .get(`/access-log?subject=${VICTIM}`);
      expect(log.body.items.map((read: { request: string }) => read.request)).toEqual([
        `GET /streams/${streamId}`,
        `GET /streams/${streamId}`,
      ]);
      const erased = await deployment.apis[1].client
        .as('admin')
        .post(`/subjects/${VICTIM}/erasure`, { reason: 'The victim asked to be forgotten' });
      expect(erased.status).toBe(201);
      for (const api of [0, 1, 2]) {
        expect(await personalOf(api, streamId)).toEqual({ [VICTIM]: '[erased]' });
      }
      const again = await investigators[2].post('/incidents', {
        ...incidentReport(contingentId, 'New details for an erased subject'),
        subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: 'Amina Shared-Key' } }],
      });
      expect(again.status).toBe(422);
      expect(again.body.type).toBe('urn:blue-ledger:problem:subject_erased');
    });
  });

  describe('principals of the store', () => {
    it('made through one instance sign in on every instance, and revoked through another are refused by all', async () => {
      const made = await deployment.apis[0].client.as('admin').post('/principals', {
        name: 'Board of Inquiry, second panel',
        roles: ['reviewer'],
      });
      expect(made.status).toBe(201);
      const token: string = made.body.token;
      for (const api of deployment.apis) {
        const listed = await api.client.withToken(token).get('/incidents?limit=1');
        expect(listed.status).toBe(200);
      }
      const revoked = await deployment.apis[1].client
        .as('admin')
        .request('DELETE', `/principals/${made.body.id}/tokens`);
      expect(revoked.body).toEqual({ id: made.body.id, revoked: 1 });
      for (const api of deployment.apis) {
        const refused = await api.client.withToken(token).get('/incidents?limit=1');
        expect(refused.status).toBe(401);
      }
    });
  });

  describe('a web page session', () => {
    const sessionsInDatabase = async (principalId: string) =>
      Number(
        (
          await deployment.store.pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM ui_sessions WHERE principal_id = $1',
            [principalId],
          )
        ).rows[0].n,
      );

    it('opened on one instance is valid on the others, and signed out on another ends it on all', async () => {
      const [a, b, c] = deployment.apis.map((api) => api.client.baseUrl);
      const visitor = new PageVisitor();
      const { id, name, token } = principals.investigator;
      expect((await visitor.read(a, '/ui/sign-in')).status).toBe(200);
      const signedIn = await visitor.post(a, '/ui/sign-in', { token });
      expect(signedIn.status).toBe(303);
      expect(visitor.has('bl_session')).toBe(true);
      expect(await sessionsInDatabase(id)).toBe(1);

      // The cookie of A (signed with the key every instance shares) opens pages on B and C.
      for (const base of [b, c, a]) {
        const home = await visitor.read(base, '/ui');
        expect(home.status).toBe(200);
        expect(home.html).toContain(name);
      }

      // Signed out on B (with a CSRF token from B's page); a copy of the cookie taken before,
      // replayed on any instance, opens nothing: A and C send it to sign in.
      const copy = visitor.copy();
      await visitor.read(b, '/ui');
      const signedOut = await visitor.post(b, '/ui/sign-out');
      expect(signedOut.status).toBe(303);
      expect(visitor.has('bl_session')).toBe(false);
      expect(await sessionsInDatabase(id)).toBe(0);
      for (const base of [a, b, c]) {
        const refused = await copy.fetch(base, '/ui');
        expect(refused.status).toBe(303);
        expect(refused.headers.get('location')).toMatch(/^\/ui\/sign-in/);
      }
    });
  });

  describe('signed tree heads', () => {
    interface HeadJson {
      id: number;
      treeSize: string;
      rootHash: string;
      timestamp: string;
      signature: string;
      lastPosition: string | null;
    }
    const headsOf = async (client: LedgerClient): Promise<HeadJson[]> =>
      (await client.get('/integrity/heads?limit=1000')).body.items;
    const storeHead = async () => Number(await deployment.store.headPosition());

    it('signed through two instances form one sequence every instance serves; a proof from one verifies offline against a head another signed', async () => {
      const [a, b, c] = deployment.apis;
      await investigators[2].create('/incidents', incidentReport(contingentId, 'Heads, first'));
      await readModelsAt(a.client, await storeHead());
      const signedOnA = await a.client.as('admin').post('/integrity/heads');
      expect(signedOnA.status).toBe(201);
      await investigators[2].create('/incidents', incidentReport(contingentId, 'Heads, second'));
      await readModelsAt(b.client, await storeHead());
      const signedOnB = await b.client.as('oversight').post('/integrity/heads');
      expect(signedOnB.status).toBe(201);
      const [headA, headB]: HeadJson[] = [signedOnA.body, signedOnB.body];
      expect(headB.id).toBeGreaterThan(headA.id);
      expect(BigInt(headB.treeSize)).toBeGreaterThan(BigInt(headA.treeSize));

      // One sequence: ids 1, 2, 3... without a gap, sizes never going down, the same on every
      // instance (whose read models have caught up) and in the database.
      const everyEvent = await storeHead();
      const { rows } = await deployment.store.pool.query<{ id: string; signature: string }>(
        'SELECT id, signature FROM notary_heads ORDER BY id',
      );
      const served: HeadJson[][] = [];
      for (const api of [a, b, c]) {
        await readModelsAt(api.client, everyEvent);
        served.push(await headsOf(api.client.as('reviewer')));
      }
      const sequence = served[0];
      expect(served[1]).toEqual(sequence);
      expect(served[2]).toEqual(sequence);
      expect(sequence.map((h) => [h.id, h.signature])).toEqual(
        rows.map((r) => [Number(r.id), r.signature]),
      );
      expect(sequence.map((h) => h.id)).toEqual(sequence.map((_, i) => i + 1));
      sequence.slice(1).forEach((head, i) => {
        expect(BigInt(head.treeSize)).toBeGreaterThanOrEqual(BigInt(sequence[i].treeSize));
      });
      expect(sequence).toEqual(expect.arrayContaining([headA, headB]));

      // Every instance publishes the same key, and A's head verifies under it.
      const keys = await Promise.all(
        [a, b, c].map(
          async (api) => (await api.client.as('reviewer').get('/integrity/public-key')).body.pem,
        ),
      );
      expect(new Set(keys).size).toBe(1);
      expect(verifyTreeHead(signedTreeHeadFromJson(headA), keys[0])).toEqual({ ok: true });

      // A proof from B, in the tree of A's head, names A's head and passes `ledger verify-proof`.
      const firstEvent = Number((await deployment.store.readAll()).at(0)?.globalPosition);
      const proof = (
        await b.client
          .as('reviewer')
          .get(`/integrity/proofs/inclusion?position=${firstEvent}&treeSize=${headA.treeSize}`)
      ).body;
      expect(proof.head).toEqual(headA);
      expect(proof.rootHash).toBe(headA.rootHash);
      const check = await ledger(inclusionArgs(proof, { root: headA.rootHash }));
      expect(check).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: /) });

      // The integrity check of every instance verifies the store against the same heads.
      for (const api of [a, b, c]) {
        const verified = await api.client.as('oversight').post('/integrity/verification', {});
        expect(verified.status).toBe(200);
        expect(verified.body.ok).toBe(true);
      }
    });

    it('asked of every instance at the same moment, each get a number of their own, in one sequence', async () => {
      await investigators[0].create('/incidents', incidentReport(contingentId, 'Heads, third'));
      const everyEvent = await storeHead();
      for (const api of deployment.apis) await readModelsAt(api.client, everyEvent);
      const before = (await headsOf(deployment.apis[0].client.as('reviewer'))).length;
      const answers = await Promise.all(
        deployment.apis.map((api) => api.client.as('admin').post('/integrity/heads')),
      );
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
      const ids = answers.map((r) => (r.body as HeadJson).id).sort((x, y) => x - y);
      expect(ids).toEqual([before + 1, before + 2, before + 3]);
      const served = await headsOf(deployment.apis[2].client.as('reviewer'));
      expect(served.map((h) => h.id)).toEqual(served.map((_, i) => i + 1));
      expect(served.slice(before)).toEqual(
        [...answers.map((r) => r.body as HeadJson)].sort((x, y) => x.id - y.id),
      );
      // All three cover every event acknowledged before they were asked for.
      for (const head of served.slice(before)) {
        expect(Number(head.lastPosition)).toBeGreaterThanOrEqual(everyEvent);
      }
    });

    it('refuse an instance with a notary key of its own once heads are signed', async () => {
      await expect(deployment.startApi({ ownNotaryKey: true })).rejects.toThrow(
        /signed with another key.*same notary key files/s,
      );
      // The deployment's own list of instances is unchanged (the refused one is not in it).
      expect(deployment.apis).toHaveLength(3);
    });
  });

  describe('an Idempotency-Key', () => {
    it('retried against another instance answers the first answer and appends once', async () => {
      const body = incidentReport(contingentId, 'Reported once, retried on every instance');
      const headers = { 'Idempotency-Key': 'report-retried-elsewhere' };
      const first = await investigators[0].post('/incidents', body, headers);
      const second = await investigators[1].post('/incidents', body, headers);
      const third = await investigators[2].post('/incidents', body, headers);
      expect(first.status).toBe(201);
      expect([second.status, third.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(third.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const reported = (await deployment.store.readAll()).filter((e) => tagOf(e) === body.summary);
      expect(reported.map((e) => e.streamId)).toEqual([first.body.streamId]);
    });

    it('sent to every instance at the same moment appends once, and every answer names that write', async () => {
      const body = incidentReport(contingentId, 'Reported on three instances at once');
      const headers = { 'Idempotency-Key': 'report-raced-on-three' };
      const answers = await Promise.all(
        investigators.map((investigator) => investigator.post('/incidents', body, headers)),
      );
      const reported = (await deployment.store.readAll()).filter((e) => tagOf(e) === body.summary);
      expect(reported).toHaveLength(1);
      for (const answer of answers) {
        // The same request still running on another instance is answered as such, or replayed.
        if (answer.status === 409) {
          expect(answer.body.type).toBe('urn:blue-ledger:problem:idempotency_key_in_flight');
        } else {
          expect(answer.status).toBe(201);
          expect(answer.body).toMatchObject({
            id: reported[0].data.incidentId,
            position: Number(reported[0].globalPosition),
          });
        }
      }
    });

    it('used for a different body on another instance is refused with a 422 naming the header', async () => {
      const headers = { 'Idempotency-Key': 'report-then-other-body' };
      const first = await investigators[0].post(
        '/incidents',
        incidentReport(contingentId, 'The first body'),
        headers,
      );
      const other = await investigators[2].post(
        '/incidents',
        incidentReport(contingentId, 'Another body'),
        headers,
      );
      expect(first.status).toBe(201);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({
        type: 'urn:blue-ledger:problem:idempotency_key_reused',
        field: 'Idempotency-Key',
      });
      const events = await deployment.store.readAll();
      expect(events.filter((e) => tagOf(e) === 'Another body')).toEqual([]);
    });
  });
});
