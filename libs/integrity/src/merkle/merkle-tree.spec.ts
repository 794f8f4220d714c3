import fc from 'fast-check';
import { EMPTY_ROOT, hashLeaf } from './merkle-hashing';
import { MerkleTree } from './merkle-tree';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';
import { referencePath, referenceProof, referenceRoot } from '../testing/reference-merkle';

const MAX_SIZE = 64;
const leafData = (i: number) => Buffer.from(`event ${i}`);
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

function treeOf(size: number): { tree: MerkleTree; leaves: Buffer[] } {
  const tree = new MerkleTree();
  const leaves: Buffer[] = [];
  for (let i = 0; i < size; i += 1) {
    tree.append(leafData(i));
    leaves.push(hashLeaf(leafData(i)));
  }
  return { tree, leaves };
}

describe('MerkleTree', () => {
  const { tree, leaves } = treeOf(MAX_SIZE);

  it('starts empty, with the root of the empty tree', () => {
    const empty = new MerkleTree();
    expect(empty.size).toBe(0n);
    expect(empty.root()).toEqual(EMPTY_ROOT);
  });

  it('returns the index of each appended leaf and hashes it as a leaf', () => {
    const growing = new MerkleTree();
    expect(growing.append(leafData(0))).toBe(0n);
    expect(growing.append(leafData(1))).toBe(1n);
    expect(growing.appendLeafHash(hashLeaf(leafData(2)))).toBe(2n);
    expect(growing.leafHash(1n)).toEqual(hashLeaf(leafData(1)));
    expect(growing.root()).toEqual(tree.root(3n));
  });

  it(`gives the RFC 9162 root of every earlier size, 0 to ${MAX_SIZE}`, () => {
    for (let n = 0; n <= MAX_SIZE; n += 1) {
      expect(tree.root(BigInt(n))).toEqual(referenceRoot(leaves.slice(0, n)));
    }
  });

  it(`gives, for every size up to ${MAX_SIZE} and every leaf, the RFC path, which verifies`, () => {
    for (let n = 1; n <= MAX_SIZE; n += 1) {
      const root = tree.root(BigInt(n));
      for (let m = 0; m < n; m += 1) {
        const proof = tree.inclusionProof(BigInt(m), BigInt(n));
        expect(hex(proof)).toEqual(hex(referencePath(m, leaves.slice(0, n))));
        expect(verifyInclusion(leaves[m], BigInt(m), BigInt(n), proof, root)).toEqual({ ok: true });
      }
    }
  });

  it(`gives, for every pair of sizes up to ${MAX_SIZE}, the RFC proof, which verifies`, () => {
    for (let n = 1; n <= MAX_SIZE; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = tree.consistencyProof(BigInt(m), BigInt(n));
        expect(hex(proof)).toEqual(m === n ? [] : hex(referenceProof(m, leaves.slice(0, n))));
        const verdict = verifyConsistency(
          BigInt(m),
          BigInt(n),
          proof,
          tree.root(BigInt(m)),
          tree.root(BigInt(n)),
        );
        expect(verdict).toEqual({ ok: true });
      }
    }
  });

  it('proves every tree consistent with the empty tree, with no proof', () => {
    expect(tree.consistencyProof(0n, 5n)).toEqual([]);
    expect(verifyConsistency(0n, 5n, [], tree.root(0n), tree.root(5n))).toEqual({ ok: true });
  });

  it('matches the RFC recursions for larger trees, wherever the proofs are taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(), fc.nat(), (size, a, b) => {
        const { tree: big, leaves: all } = treeOf(size);
        const n = 1 + (a % size);
        const m = b % n;
        const prefix = all.slice(0, n);
        expect(big.root(BigInt(n))).toEqual(referenceRoot(prefix));
        expect(big.inclusionProof(BigInt(m), BigInt(n))).toEqual(referencePath(m, prefix));
        if (m > 0 && m < n) {
          expect(big.consistencyProof(BigInt(m), BigInt(n))).toEqual(referenceProof(m, prefix));
        }
      }),
      { numRuns: 60 },
    );
  });

  describe('keeping only the levels from 2^k leaves up, reading the leaves back', () => {
    const prunedOf = (size: number, keptFromLevel: number) => {
      const stored: Buffer[] = [];
      const reads: number[] = [];
      const pruned = new MerkleTree({
        keptFromLevel,
        leafHashes: (start, end) => {
          reads.push(end - start);
          return stored.slice(start, end);
        },
      });
      for (let i = 0; i < size; i += 1) {
        stored.push(hashLeaf(leafData(i)));
        pruned.append(leafData(i));
      }
      return { pruned, reads };
    };

    it('gives every root, leaf and proof the whole tree gives', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }),
          fc.integer({ min: 1, max: 5 }),
          fc.nat(),
          fc.nat(),
          (size, keptFromLevel, a, b) => {
            const { tree: whole } = treeOf(size);
            const { pruned } = prunedOf(size, keptFromLevel);
            const n = 1 + (a % size);
            const m = b % n;
            expect(pruned.size).toBe(whole.size);
            expect(pruned.root()).toEqual(whole.root());
            expect(pruned.root(BigInt(n))).toEqual(whole.root(BigInt(n)));
            expect(pruned.leafHash(BigInt(m))).toEqual(whole.leafHash(BigInt(m)));
            expect(pruned.inclusionProof(BigInt(m), BigInt(n))).toEqual(
              whole.inclusionProof(BigInt(m), BigInt(n)),
            );
            expect(pruned.consistencyProof(BigInt(m), BigInt(n))).toEqual(
              whole.consistencyProof(BigInt(m), BigInt(n)),
            );
          },
        ),
        { numRuns: 150 },
      );
    });

    it('reads no more than one subtree of 2^k leaves at a time', () => {
      const { pruned, reads } = prunedOf(1000, 4);
      pruned.inclusionProof(517n, 1000n);
      pruned.consistencyProof(333n, 1000n);
      pruned.root(999n);

      expect(reads.length).toBeGreaterThan(0);
      expect(Math.max(...reads)).toBeLessThanOrEqual(16);
    });

    it('needs somewhere to read the leaves from', () => {
      expect(() => new MerkleTree({ keptFromLevel: 3 })).toThrow(TypeError);
    });
  });

  it('hands out copies, so a caller cannot corrupt the tree', () => {
    const { tree: own } = treeOf(8);
    const before = own.root();
    own.inclusionProof(0n, 8n)[0].fill(0);
    own.consistencyProof(3n, 8n)[0].fill(0);
    own.root(4n).fill(0);
    own.leafHash(0n).fill(0);
    expect(own.root()).toEqual(before);
  });

  describe('refuses what does not exist', () => {
    const { tree: small } = treeOf(5);
    it.each([
      ['a size beyond its own', () => small.root(6n)],
      ['a negative size', () => small.root(-1n)],
      ['a leaf at the size', () => small.inclusionProof(3n, 3n)],
      ['a negative leaf', () => small.inclusionProof(-1n, 3n)],
      ['a proof from a larger to a smaller tree', () => small.consistencyProof(4n, 3n)],
      ['a proof to a size beyond its own', () => small.consistencyProof(2n, 6n)],
      ['a leaf hash that is not 32 bytes', () => small.appendLeafHash(Buffer.alloc(31))],
    ])('%s', (_what, call) => {
      expect(call).toThrow();
    });
  });
});
