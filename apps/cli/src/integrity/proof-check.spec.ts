import { MerkleTree } from '@blue-ledger/integrity';
import { hashArgument, proofArgument, sizeArgument } from './cli-arguments';
import { checkConsistency, checkInclusion } from './proof-check';

const tree = new MerkleTree();
const eventHashes = Array.from({ length: 13 }, (_, i) => Buffer.alloc(32, i + 1));
eventHashes.forEach((hash) => tree.append(hash));

describe('ledger verify-proof', () => {
  describe('inclusion', () => {
    const args = (index: bigint) => ({
      leafIndex: index,
      treeSize: 13n,
      leafHash: tree.leafHash(index),
      root: tree.root(),
      proof: tree.inclusionProof(index),
    });

    it('accepts the audit path of every leaf, given its leaf hash or its event hash', () => {
      for (let i = 0n; i < 13n; i += 1n) {
        expect(checkInclusion(args(i)).valid).toBe(true);
        const { leafHash: _, ...rest } = args(i);
        expect(checkInclusion({ ...rest, eventHash: eventHashes[Number(i)] }).valid).toBe(true);
      }
    });

    it('refuses a proof with one element changed, and says why', () => {
      const forged = args(5n);
      forged.proof[1] = Buffer.alloc(32, 0xee);
      expect(checkInclusion(forged)).toEqual({
        valid: false,
        message: 'invalid: the proof leads to a different root',
      });
    });
  });

  describe('consistency', () => {
    it('accepts the proof between any two sizes and refuses it against another root', () => {
      for (let m = 1n; m <= 13n; m += 1n) {
        const good = {
          size1: m,
          size2: 13n,
          root1: tree.root(m),
          root2: tree.root(),
          proof: tree.consistencyProof(m),
        };
        expect(checkConsistency(good).valid).toBe(true);
        expect(checkConsistency({ ...good, root1: tree.root(m - 1n) }).valid).toBe(false);
      }
    });
  });

  describe('arguments', () => {
    it('reads hashes in hex or base64, and "" as the empty proof', () => {
      const hash = Buffer.alloc(32, 7);
      expect(hashArgument(hash.toString('hex'))).toEqual(hash);
      expect(hashArgument(hash.toString('base64'))).toEqual(hash);
      expect(proofArgument('')).toEqual([]);
      expect(proofArgument(`${hash.toString('hex')},${hash.toString('base64')}`)).toEqual([
        hash,
        hash,
      ]);
    });

    it('refuses what is not a hash or a size', () => {
      expect(() => hashArgument('abc')).toThrow(/32-byte hash/);
      expect(() => proofArgument('00,')).toThrow(/element 0/);
      expect(() => sizeArgument('-1')).toThrow(/non-negative integer/);
    });
  });
});
