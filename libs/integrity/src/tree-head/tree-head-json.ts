import type { SignedTreeHead } from './tree-head';

/** A signed tree head as written to files and HTTP: the size as a decimal string. */
export interface SignedTreeHeadJson {
  treeSize: string;
  rootHash: string;
  timestamp: string;
  signature: string;
}

export function signedTreeHeadToJson(head: SignedTreeHead): SignedTreeHeadJson {
  return {
    treeSize: head.treeSize.toString(),
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    signature: head.signature,
  };
}

/** Reads the JSON form back; the signature is not checked here (see verifyTreeHead). */
export function signedTreeHeadFromJson(value: unknown): SignedTreeHead {
  if (typeof value !== 'object' || value === null) throw new TypeError('a tree head is an object');
  const { treeSize, rootHash, timestamp, signature } = value as Record<string, unknown>;
  if (typeof treeSize !== 'string' || !/^(0|[1-9][0-9]*)$/.test(treeSize)) {
    throw new TypeError('treeSize must be a decimal string');
  }
  for (const [name, field] of Object.entries({ rootHash, timestamp, signature })) {
    if (typeof field !== 'string') throw new TypeError(`${name} must be a string`);
  }
  return {
    treeSize: BigInt(treeSize),
    rootHash: rootHash as string,
    timestamp: timestamp as string,
    signature: signature as string,
  };
}
