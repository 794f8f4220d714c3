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

// Every node, and every leaf of an event hash, is one short input hashed at once (no Hash
// object per call): a verification computes about two of them per event.
const NODE_INPUT = Buffer.alloc(65);
const EVENT_LEAF_INPUT = Buffer.alloc(33);
NODE_INPUT[0] = NODE_PREFIX[0];
EVENT_LEAF_INPUT[0] = LEAF_PREFIX[0];

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return sha256(NODE_PREFIX, left, right);
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  return sha256(NODE_INPUT);
}

/** The leaf of the ledger's Merkle log for an event hash (hex). */
export function eventLeafHash(eventHash: string): Buffer {
  if (eventHash.length !== 64 || EVENT_LEAF_INPUT.write(eventHash, 1, 'hex') !== 32) {
    return hashLeaf(Buffer.from(eventHash, 'hex'));
  }
  return sha256(EVENT_LEAF_INPUT);
}
