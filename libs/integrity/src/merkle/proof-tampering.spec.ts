import { hashLeaf } from './merkle-hashing';
import { MerkleTree } from './merkle-tree';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

const MAX_SIZE = 64;

const tree = new MerkleTree();
for (let i = 0; i < MAX_SIZE; i += 1) tree.append(Buffer.from(`event ${i}`));

const flipped = (hash: Buffer, at = 0): Buffer => {
  const copy = Buffer.from(hash);
  copy[at] ^= 0x01;
  return copy;
};
const otherHash = hashLeaf(Buffer.from('not in the log'));

type Tamper = [label: string, change: (proof: Buffer[]) => Buffer[] | null];

/** The ways a proof can be forged without touching sizes or roots; null where one does not apply. */
const tamperings: Tamper[] = [
  [
    'a flipped byte in the first element',
    (p) => (p.length ? [flipped(p[0]), ...p.slice(1)] : null),
  ],
  [
    'a flipped byte in the last element',
    (p) => (p.length ? [...p.slice(0, -1), flipped(p[p.length - 1], 31)] : null),
  ],
  ['the last element dropped', (p) => (p.length ? p.slice(0, -1) : null)],
  ['the first element dropped', (p) => (p.length ? p.slice(1) : null)],
  ['an element added at the end', (p) => [...p, otherHash]],
  ['an element added at the front', (p) => [otherHash, ...p]],
  ['an element repeated', (p) => (p.length ? [p[0], ...p] : null)],
  ['two elements in swapped order', (p) => (p.length > 1 ? [p[1], p[0], ...p.slice(2)] : null)],
  [
    'the last two elements in swapped order',
    (p) => (p.length > 1 ? [...p.slice(0, -2), p[p.length - 1], p[p.length - 2]] : null),
  ],
  ['an element shorter than a hash', (p) => (p.length ? [p[0].subarray(1), ...p.slice(1)] : null)],
];

describe('verifyInclusion', () => {
  const cases: Array<[number, number]> = [];
  for (let n = 1; n <= MAX_SIZE; n += 1) for (let m = 0; m < n; m += 1) cases.push([m, n]);

  it.each(tamperings)(`rejects every proof up to size ${MAX_SIZE} with %s`, (_label, tamper) => {
    const accepted: string[] = [];
    for (const [m, n] of cases) {
      const proof = tamper(tree.inclusionProof(BigInt(m), BigInt(n)));
      if (proof === null) continue;
      const verdict = verifyInclusion(
        tree.leafHash(BigInt(m)),
        BigInt(m),
        BigInt(n),
        proof,
        tree.root(BigInt(n)),
      );
      if (verdict.ok) accepted.push(`(${m}, ${n})`);
    }
    expect(accepted).toEqual([]);
  });

  it(`rejects every proof up to size ${MAX_SIZE} checked for a wrong leaf, index, size or root`, () => {
    const accepted: string[] = [];
    for (const [m, n] of cases) {
      const [index, size] = [BigInt(m), BigInt(n)];
      const proof = tree.inclusionProof(index, size);
      const leaf = tree.leafHash(index);
      const root = tree.root(size);
      const wrong: Array<[string, Parameters<typeof verifyInclusion>]> = [
        ['another leaf', [otherHash, index, size, proof, root]],
        ['index - 1', [leaf, index - 1n, size, proof, root]],
        ['index + 1', [leaf, index + 1n, size, proof, root]],
        ['index ^ 2', [leaf, index ^ 2n, size, proof, root]],
        ['size * 2', [leaf, index, size * 2n, proof, root]],
        ['size / 2', [leaf, index, size / 2n, proof, root]],
        ['another root', [leaf, index, size, proof, flipped(root)]],
        ['the previous root', [leaf, index, size, proof, tree.root(size - 1n)]],
      ];
      for (const [label, args] of wrong) {
        if (verifyInclusion(...args).ok) accepted.push(`${label} at (${m}, ${n})`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('explains why it rejects', () => {
    const proof = tree.inclusionProof(5n, 13n);
    const root = tree.root(13n);
    const leaf = tree.leafHash(5n);
    expect(verifyInclusion(leaf, 5n, 13n, proof.slice(1), root)).toEqual({
      ok: false,
      reason: 'the proof is shorter than the path from the leaf to the root',
    });
    expect(verifyInclusion(leaf, 5n, 13n, [...proof, root], root)).toEqual({
      ok: false,
      reason: 'the proof is longer than the path from the leaf to the root',
    });
    expect(verifyInclusion(leaf, 13n, 13n, proof, root)).toMatchObject({ ok: false });
    expect(verifyInclusion(leaf.subarray(2), 5n, 13n, proof, root)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('leafHash'),
    });
  });
});

describe('verifyConsistency', () => {
  const cases: Array<[number, number]> = [];
  for (let n = 2; n <= MAX_SIZE; n += 1) for (let m = 1; m < n; m += 1) cases.push([m, n]);

  it.each(tamperings)(`rejects every proof up to size ${MAX_SIZE} with %s`, (_label, tamper) => {
    const accepted: string[] = [];
    for (const [m, n] of cases) {
      const proof = tamper(tree.consistencyProof(BigInt(m), BigInt(n)));
      if (proof === null) continue;
      const verdict = verifyConsistency(
        BigInt(m),
        BigInt(n),
        proof,
        tree.root(BigInt(m)),
        tree.root(BigInt(n)),
      );
      if (verdict.ok) accepted.push(`(${m}, ${n})`);
    }
    expect(accepted).toEqual([]);
  });

  it(`rejects every proof up to size ${MAX_SIZE} checked for wrong sizes or roots`, () => {
    const accepted: string[] = [];
    for (const [m, n] of cases) {
      const [size1, size2] = [BigInt(m), BigInt(n)];
      const proof = tree.consistencyProof(size1, size2);
      const root1 = tree.root(size1);
      const root2 = tree.root(size2);
      const wrong: Array<[string, Parameters<typeof verifyConsistency>]> = [
        ['size1 - 1', [size1 - 1n, size2, proof, root1, root2]],
        ['size1 + 1', [size1 + 1n, size2, proof, root1, root2]],
        ['size1 ^ 2', [size1 ^ 2n, size2, proof, root1, root2]],
        ['size2 * 2', [size1, size2 * 2n, proof, root1, root2]],
        ['size2 / 2', [size1, size2 / 2n, proof, root1, root2]],
        ['another root1', [size1, size2, proof, flipped(root1), root2]],
        ['another root2', [size1, size2, proof, root1, flipped(root2, 31)]],
        ['swapped roots', [size1, size2, proof, root2, root1]],
        ['an empty proof', [size1, size2, [], root1, root2]],
      ];
      for (const [label, args] of wrong) {
        if (verifyConsistency(...args).ok) accepted.push(`${label} at (${m}, ${n})`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a log that rewrote its history, however the proof is made', () => {
    const rewritten = new MerkleTree();
    for (let i = 0; i < 20; i += 1)
      rewritten.append(Buffer.from(i === 7 ? 'forged' : `event ${i}`));
    const honestHead = tree.root(10n);
    const proof = rewritten.consistencyProof(10n, 20n);
    expect(verifyConsistency(10n, 20n, proof, honestHead, rewritten.root(20n)).ok).toBe(false);
  });

  describe('in the cases RFC 9162 leaves out', () => {
    const root5 = tree.root(5n);
    it('accepts a tree as consistent with itself only with the same root and no proof', () => {
      expect(verifyConsistency(5n, 5n, [], root5, root5)).toEqual({ ok: true });
      expect(verifyConsistency(5n, 5n, [], root5, tree.root(6n)).ok).toBe(false);
      expect(verifyConsistency(5n, 5n, [root5], root5, root5).ok).toBe(false);
    });

    it('accepts the empty tree as a prefix of any tree only with the empty root and no proof', () => {
      expect(verifyConsistency(0n, 5n, [], tree.root(0n), root5)).toEqual({ ok: true });
      expect(verifyConsistency(0n, 5n, [], root5, root5).ok).toBe(false);
      expect(verifyConsistency(0n, 5n, [tree.root(0n)], tree.root(0n), root5).ok).toBe(false);
    });

    it('rejects a tree that shrank', () => {
      expect(verifyConsistency(6n, 5n, [], tree.root(6n), root5).ok).toBe(false);
    });
  });
});
