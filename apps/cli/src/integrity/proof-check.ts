import {
  eventLeafHash,
  verifyConsistency,
  verifyInclusion,
  type Verification,
} from '@blue-ledger/integrity';

export interface InclusionArguments {
  leafIndex: bigint;
  treeSize: bigint;
  /** SHA-256(0x00 || event hash), or the event hash itself in `eventHash`. */
  leafHash?: Buffer;
  eventHash?: Buffer;
  root: Buffer;
  proof: Buffer[];
}

export interface ConsistencyArguments {
  size1: bigint;
  size2: bigint;
  root1: Buffer;
  root2: Buffer;
  proof: Buffer[];
}

export interface ProofAnswer {
  valid: boolean;
  message: string;
}

const hex = (hash: Buffer) => hash.toString('hex');

export function checkInclusion(args: InclusionArguments): ProofAnswer {
  const leafHash = args.leafHash ?? eventLeafHash(hex(args.eventHash as Buffer));
  return answer(
    verifyInclusion(leafHash, args.leafIndex, args.treeSize, args.proof, args.root),
    `leaf ${args.leafIndex} (leaf hash ${hex(leafHash)}) is in the tree of ${args.treeSize} leaves with root ${hex(args.root)}`,
  );
}

export function checkConsistency(args: ConsistencyArguments): ProofAnswer {
  return answer(
    verifyConsistency(args.size1, args.size2, args.proof, args.root1, args.root2),
    `the tree of ${args.size2} leaves with root ${hex(args.root2)} extends the tree of ${args.size1} leaves with root ${hex(args.root1)}`,
  );
}

function answer(verification: Verification, claim: string): ProofAnswer {
  return verification.ok
    ? { valid: true, message: `valid: ${claim}` }
    : { valid: false, message: `invalid: ${verification.reason}` };
}
