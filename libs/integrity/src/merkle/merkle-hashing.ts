import { sha256 } from '../hash-encoding';

/** RFC 9162 §2.1.1 domain separation: a leaf can never be mistaken for an interior node. */
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Buffer = sha256();

/** MTH({d}) = SHA-256(0x00 || d). For the ledger, d is the 32 bytes of an event's hash. */
export function hashLeaf(leafData: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, leafData);
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The leaf of the ledger's Merkle log for an event hash (hex). */
export function eventLeafHash(eventHash: string): Buffer {
  return hashLeaf(Buffer.from(eventHash, 'hex'));
}
