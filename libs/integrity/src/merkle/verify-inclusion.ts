import { rejected, verified, type Verification } from '../verification';
import { hashChildren } from './merkle-hashing';
import { malformedHashes } from './proof-inputs';

/**
 * RFC 9162 §2.1.3.2, step by step: recomputes the root from the leaf hash and every element
 * of the proof, in the order and on the side the leaf's position dictates, and fails when the
 * proof is longer or shorter than that position requires.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: bigint,
  size: bigint,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verification {
  const malformed = malformedHashes({ leafHash, root }, proof);
  if (malformed) return rejected(malformed);
  if (index < 0n || index >= size) return rejected(`leaf ${index} is not in a tree of ${size}`);

  let fn = index;
  let sn = size - 1n;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0n) return rejected('the proof is longer than the path from the leaf to the root');
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return rejected('the proof is shorter than the path from the leaf to the root');
  if (!Buffer.from(r).equals(root)) return rejected('the proof leads to a different root');
  return verified;
}
