import { signTreeHead, verifyTreeHead } from '@blue-ledger/integrity';
import type { NotarizedHead } from '@blue-ledger/projections';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../event-store/src/postgres/testing/test-database';
import { ConfigurationError } from '../config/ledger-config';
import { PostgresTreeHeads } from './postgres-tree-heads';

const ROOT = 'ab'.repeat(32);

describeOnPostgres(
  "The notary's signed heads in PostgreSQL, one sequence for every instance",
  (url) => {
    const key = generateKeyPairSync('ed25519');
    let schema: string;
    let pools: Pool[];

    const open = async (publicKey: KeyObject = key.publicKey) => {
      const pool = new Pool({ connectionString: url });
      pools.push(pool);
      return PostgresTreeHeads.open(pool, publicKey, schema);
    };
    /** Signs the next size after `latest` (the same size again when `grow` is 0). */
    const next =
      (privateKey: KeyObject, grow = 1n) =>
      (latest: NotarizedHead | null) => {
        const treeSize = (latest?.head.treeSize ?? 0n) + grow;
        const head = signTreeHead(
          { treeSize, rootHash: ROOT, timestamp: new Date().toISOString() },
          privateKey,
        );
        return { head, lastPosition: treeSize };
      };

    beforeEach(() => {
      schema = uniqueSchema();
      pools = [];
    });

    afterEach(async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      await dropSchema(url, schema);
    });

    it('numbers heads appended from several instances at once 1, 2, 3... without a gap or a twin', async () => {
      const instances = await Promise.all([open(), open(), open()]);
      const appended = await Promise.all(
        Array.from({ length: 30 }, (_, i) => instances[i % 3].append(next(key.privateKey))),
      );
      const all = await instances[0].headsAfter(0, 100);
      expect(all.map((h) => h.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // Each appended after the latest it saw under the lock: sizes 1..30, in id order.
      expect(all.map((h) => h.head.treeSize)).toEqual(all.map((h) => BigInt(h.id)));
      expect(appended.map((h) => h?.id).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        all.map((h) => h.id),
      );
      for (const { head } of all) expect(verifyTreeHead(head, key.publicKey)).toEqual({ ok: true });
      expect(await instances[1].headsAfter(28, 10)).toEqual(all.slice(28));
    });

    it('appends nothing when asked for nothing, and refuses a head smaller than the latest', async () => {
      const heads = await open();
      await heads.append(next(key.privateKey, 5n));
      expect(await heads.append(() => null)).toBeNull();
      await expect(
        heads.append((latest) => next(key.privateKey, -1n)(latest)),
      ).rejects.toBeInstanceOf(RangeError);
      expect((await heads.headsAfter(0, 10)).map((h) => h.head.treeSize)).toEqual([5n]);
    });

    it('refuses another key: at start once heads exist, and when signing after a head of another key', async () => {
      const other = generateKeyPairSync('ed25519');
      const [mine, theirs] = await Promise.all([open(), open(other.publicKey)]);
      await mine.append(next(key.privateKey));
      await expect(theirs.append(next(other.privateKey))).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(open(other.publicKey)).rejects.toThrow(/same notary key files/);
      expect(await mine.headsAfter(0, 10)).toHaveLength(1);
      // Opened before the first head, it keeps running: it serves none of the other key's heads.
      await expect(theirs.headsAfter(0, 10)).rejects.toBeInstanceOf(ConfigurationError);
    });

    it("takes a notary's heads signed before they were shared while the sequence is empty, ids kept; never once begun", async () => {
      const signed = (id: number, treeSize: bigint, privateKey = key.privateKey) => ({
        id,
        head: signTreeHead(
          { treeSize, rootHash: ROOT, timestamp: new Date().toISOString() },
          privateKey,
        ),
        lastPosition: treeSize,
      });
      const [a, b] = await Promise.all([open(), open()]);
      const stranger = generateKeyPairSync('ed25519');
      expect(await a.adopt([signed(1, 3n, stranger.privateKey)])).toBe(false);
      expect(await a.adopt([signed(2, 3n)])).toBe(false);
      expect(await a.headsAfter(0, 10)).toEqual([]);

      const before = [signed(1, 3n), signed(2, 5n)];
      expect(await a.adopt(before)).toBe(true);
      expect(await b.adopt([signed(1, 4n)])).toBe(false);
      expect(await b.headsAfter(0, 10)).toEqual(before);
      expect((await b.append(next(key.privateKey)))?.id).toBe(3);
    });
  },
);
