import { HASH_BYTES } from '../hash-encoding';

/** Names the first input that is not a 32-byte hash, or returns null. */
export function malformedHashes(
  named: Record<string, Uint8Array>,
  proof: readonly Uint8Array[],
): string | null {
  for (const [name, hash] of Object.entries(named)) {
    if (hash.length !== HASH_BYTES) return `${name} has ${hash.length} bytes, not ${HASH_BYTES}`;
  }
  const bad = proof.findIndex((hash) => hash.length !== HASH_BYTES);
  return bad < 0 ? null : `proof[${bad}] has ${proof[bad].length} bytes, not ${HASH_BYTES}`;
}
