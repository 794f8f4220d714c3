import { rejected, verified, type Verification } from '../verification';
import { EMPTY_ROOT, hashChildren } from './merkle-hashing';
import { malformedHashes } from './proof-inputs';

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves
 * with root `root1`: nothing in the first was changed, removed or reordered.
 *
 * For 0 < size1 < size2 this is RFC 9162 §2.1.4.2 step by step: both roots are rebuilt from
 * the proof, each element used on the side the sizes dictate, and the proof must be exactly as
 * long as they require. The RFC leaves out the two trivial cases; here, as in
 * transparency-dev/merkle, a tree is consistent with itself (same root, empty proof) and the
 * empty tree with every tree (root1 the empty root, empty proof).
 */
export function verifyConsistency(
  size1: bigint,
  size2: bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Verification {
  const malformed = malformedHashes({ root1, root2 }, proof);
  if (malformed) return rejected(malformed);
  if (size1 < 0n || size2 < size1) return rejected(`a tree of ${size1} cannot grow into ${size2}`);

  if (size1 === size2) {
    if (proof.length > 0) return rejected('a tree needs no proof to be consistent with itself');
    if (!Buffer.from(root1).equals(root2)) return rejected('same size, different roots');
    return verified;
  }
  if (size1 === 0n) {
    if (proof.length > 0) return rejected('the empty tree needs no proof');
    if (!EMPTY_ROOT.equals(root1)) return rejected('root1 is not the root of the empty tree');
    return verified;
  }

  if (proof.length === 0) return rejected('the proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;

  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return rejected('the proof is longer than the sizes require');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return rejected('the proof is shorter than the sizes require');
  if (!Buffer.from(fr).equals(root1)) return rejected('the proof does not lead to root1');
  if (!Buffer.from(sr).equals(root2)) return rejected('the proof does not lead to root2');
  return verified;
}

function isPowerOfTwo(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}
