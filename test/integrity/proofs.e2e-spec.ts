import { parseHash, verifyConsistency, verifyInclusion } from '@blue-ledger/integrity';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import type { EventEnvelope } from '../support/ledger-views';
import { expectProblem } from '../support/problem-assertions';
import { inclusionArgs, ledger } from './ledger-cli';
import { recordAlindao, recordFollowUp } from './recorded-ledger';

const NOTARY_ON_DEMAND = {
  LEDGER_NOTARY_EVERY_EVENTS: '1000000',
  LEDGER_NOTARY_EVERY_SECONDS: '86400',
};

interface HeadJson {
  id: number;
  treeSize: string;
  rootHash: string;
  timestamp: string;
  signature: string;
  lastPosition: string | null;
}

interface InclusionJson {
  position: string;
  leafIndex: string;
  treeSize: string;
  eventHash: string;
  leafHash: string;
  rootHash: string;
  proof: string[];
  head: HeadJson | null;
}

describe('Proofs from the API', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;
  let events: EventEnvelope[];
  let early: HeadJson;
  let late: HeadJson;

  beforeAll(async () => {
    running = await startApp(NOTARY_ON_DEMAND);
    const oversight = running.client.as('oversight');
    reviewer = running.client.as('reviewer');
    const ids = await recordAlindao(running.client);
    early = (await oversight.post('/integrity/heads')).body;
    await recordFollowUp(running.client, ids);
    late = (await running.client.as('admin').post('/integrity/heads')).body;
    events = (await reviewer.get('/audit?limit=1000')).body.events;
  });

  afterAll(() => running.close());

  const inclusion = async (position: number, treeSize?: string): Promise<InclusionJson> => {
    const query = treeSize === undefined ? '' : `&treeSize=${treeSize}`;
    const response = await reviewer.get(`/integrity/proofs/inclusion?position=${position}${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('the signed heads', () => {
    it('cover every event acknowledged when they were asked for', () => {
      expect(late.treeSize).toBe(String(events.length));
      expect(late.lastPosition).toBe(String(events.at(-1)!.globalPosition));
      expect(Number(early.treeSize)).toBeLessThan(events.length);
    });

    it('are listed in the order signed, the latest served on its own', async () => {
      expect((await reviewer.get('/integrity/heads')).body).toEqual({
        items: [early, late],
        next: null,
      });
      expect((await reviewer.get('/integrity/heads?limit=1')).body.next).toBe(String(early.id));
      expect((await reviewer.get('/integrity/head')).body).toEqual(late);
    });

    it('may be signed on demand only by an admin or oversight', async () => {
      const refused = await reviewer.post('/integrity/heads');
      expect(refused.status).toBe(403);
    });
  });

  describe('inclusion proofs', () => {
    it('prove every event, as /audit gives it, in the latest signed head', async () => {
      for (const [index, event] of events.entries()) {
        const proof = await inclusion(event.globalPosition);
        expect(proof).toMatchObject({
          leafIndex: String(index),
          treeSize: late.treeSize,
          eventHash: event.hash,
          rootHash: late.rootHash,
          head: late,
        });
        const verified = verifyInclusion(
          parseHash(proof.leafHash),
          BigInt(proof.leafIndex),
          BigInt(proof.treeSize),
          proof.proof.map((hash) => parseHash(hash)),
          parseHash(proof.rootHash),
        );
        expect(verified).toEqual({ ok: true });
      }
    });

    it('verify with `ledger verify-proof inclusion`, from the leaf hash or the event hash', async () => {
      for (const event of [events[0], events[5], events.at(-1)!]) {
        const proof = await inclusion(event.globalPosition);
        const byLeaf = await ledger(inclusionArgs(proof));
        expect(byLeaf).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: /) });
        const byEvent = await ledger(inclusionArgs(proof, { eventHash: event.hash }));
        expect(byEvent.code).toBe(0);
      }
    });

    it('prove an early event in the early head too', async () => {
      const proof = await inclusion(events[1].globalPosition, early.treeSize);
      expect(proof).toMatchObject({ rootHash: early.rootHash, head: early });
      const base64 = (hash: string) => Buffer.from(hash, 'hex').toString('base64');
      const check = await ledger(
        inclusionArgs(proof, { leafHash: base64(proof.leafHash), proof: proof.proof.map(base64) }),
      );
      expect(check.code).toBe(0);
    });

    it('fail `ledger verify-proof` when one step is forged, with the reason (exit 1)', async () => {
      const proof = await inclusion(events[3].globalPosition);
      const forged = [...proof.proof];
      forged[0] = 'ab'.repeat(32);
      const check = await ledger(inclusionArgs(proof, { proof: forged }));
      expect(check).toMatchObject({
        code: 1,
        stdout: 'invalid: the proof leads to a different root\n',
      });
    });

    it('are refused for a position not in the log (404) and a size that does not hold it (400)', async () => {
      const last = events.at(-1)!.globalPosition;
      expectProblem(await reviewer.get(`/integrity/proofs/inclusion?position=${last + 100}`), {
        status: 404,
        code: 'position_not_in_log',
        field: 'position',
      });
      expectProblem(
        await reviewer.get(
          `/integrity/proofs/inclusion?position=${last}&treeSize=${early.treeSize}`,
        ),
        { status: 400, code: 'validation_failed' },
      );
      expectProblem(await reviewer.get('/integrity/proofs/inclusion?position=-1'), {
        status: 400,
        code: 'validation_failed',
      });
    });
  });

  describe('consistency proofs', () => {
    it('prove the later head extends the earlier, checked by `ledger verify-proof consistency`', async () => {
      const response = await reviewer.get(`/integrity/proofs/consistency?from=${early.treeSize}`);
      expect(response.body).toMatchObject({
        from: early.treeSize,
        to: late.treeSize,
        fromRoot: early.rootHash,
        toRoot: late.rootHash,
        heads: { from: early, to: late },
      });
      const proof: string[] = response.body.proof;
      expect(
        verifyConsistency(
          BigInt(early.treeSize),
          BigInt(late.treeSize),
          proof.map((hash) => parseHash(hash)),
          parseHash(early.rootHash),
          parseHash(late.rootHash),
        ),
      ).toEqual({ ok: true });
      const args = (root1: string) => [
        'verify-proof',
        'consistency',
        '--size1',
        early.treeSize,
        '--size2',
        late.treeSize,
        '--root1',
        root1,
        '--root2',
        late.rootHash,
        '--proof',
        proof.join(','),
      ];
      expect((await ledger(args(early.rootHash))).code).toBe(0);
      expect(await ledger(args(late.rootHash))).toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/^invalid: /),
      });
    });

    it('take an empty proof between a tree and itself', async () => {
      const response = await reviewer.get(
        `/integrity/proofs/consistency?from=${late.treeSize}&to=${late.treeSize}`,
      );
      expect(response.body.proof).toEqual([]);
      const check = await ledger([
        'verify-proof',
        'consistency',
        '--size1',
        late.treeSize,
        '--size2',
        late.treeSize,
        '--root1',
        late.rootHash,
        '--root2',
        late.rootHash,
        '--proof',
        '',
      ]);
      expect(check.code).toBe(0);
    });

    it('are refused from a size beyond the later one', async () => {
      expectProblem(
        await reviewer.get(`/integrity/proofs/consistency?from=${Number(late.treeSize) + 1}`),
        { status: 400, code: 'validation_failed' },
      );
    });
  });

  describe('`ledger verify-proof` on bad usage', () => {
    it('exits 2 and says which argument is wrong', async () => {
      const check = await ledger([
        'verify-proof',
        'consistency',
        '--size1',
        '1',
        '--size2',
        '2',
        '--root1',
        'not-a-hash',
        '--root2',
        late.rootHash,
        '--proof',
        '',
      ]);
      expect(check.code).toBe(2);
      expect(check.stderr).toContain("option '--root1 <hash>' argument 'not-a-hash' is invalid");
    });
  });

  describe('every event on /audit and /streams', () => {
    it('carries its hash and the hash of the event before it in its stream', async () => {
      const streamId = events.find((e) => e.type === 'IncidentAmended')!.streamId;
      const stream: EventEnvelope[] = (await reviewer.get(`/streams/${streamId}`)).body.events;
      expect(stream.length).toBeGreaterThan(2);
      stream.forEach((event, i) => {
        expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(event.prevHash).toBe(i === 0 ? '0'.repeat(64) : stream[i - 1].hash);
        expect(events.find((e) => e.eventId === event.eventId)).toMatchObject({
          hash: event.hash,
          prevHash: event.prevHash,
        });
      });
    });
  });
});
