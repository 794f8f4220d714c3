import { sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { hashToHex, isHash } from '../hash-encoding';
import { rejected, verified, type Verification } from '../verification';
import { importPublicKey, requireEd25519 } from './public-key';

/** The notary's statement: after `treeSize` events the Merkle log had this root. */
export interface TreeHead {
  treeSize: bigint;
  /** Lower-case hex. */
  rootHash: string;
  /** ISO 8601 instant at which the head was signed. */
  timestamp: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Ed25519 signature over `treeHeadMessage`, standard base64. */
  signature: string;
}

/** The bytes signed: the head's RFC 8785 JSON, with the size as a decimal string. */
export function treeHeadMessage(head: TreeHead): Buffer {
  const json = canonicalize({
    treeSize: head.treeSize.toString(),
    rootHash: hashToHex(head.rootHash),
    timestamp: head.timestamp,
  });
  return Buffer.from(json as string, 'utf8');
}

export function signTreeHead(
  head: Omit<TreeHead, 'rootHash'> & { rootHash: string | Uint8Array },
  privateKey: KeyObject,
): SignedTreeHead {
  if (head.treeSize < 0n) throw new RangeError(`tree size ${head.treeSize} is negative`);
  if (Number.isNaN(Date.parse(head.timestamp))) {
    throw new TypeError(`timestamp ${JSON.stringify(head.timestamp)} is not a date`);
  }
  const normalized: TreeHead = {
    treeSize: head.treeSize,
    rootHash: hashToHex(head.rootHash),
    timestamp: head.timestamp,
  };
  const signature = sign(null, treeHeadMessage(normalized), requireEd25519(privateKey));
  return { ...normalized, signature: signature.toString('base64') };
}

/** Checks the signature with the notary's public key (a KeyObject, PEM, or raw base64). */
export function verifyTreeHead(head: SignedTreeHead, publicKey: KeyObject | string): Verification {
  if (typeof head.treeSize !== 'bigint' || head.treeSize < 0n) {
    return rejected('the tree size is not a non-negative integer');
  }
  if (typeof head.rootHash !== 'string' || !isHash(head.rootHash)) {
    return rejected('the root hash is not a 32-byte hash');
  }
  if (typeof head.timestamp !== 'string') return rejected('the timestamp is not a string');
  const signature = Buffer.from(head.signature ?? '', 'base64');
  if (signature.length !== 64) return rejected('the signature is not 64 bytes of base64');

  const key = importPublicKey(publicKey);
  if (!verify(null, treeHeadMessage(head), key, signature)) {
    return rejected('the signature does not match the tree head and key');
  }
  return verified;
}
