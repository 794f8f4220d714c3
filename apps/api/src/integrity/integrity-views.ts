import { signedTreeHeadToJson } from '@blue-ledger/integrity';
import type { ConsistencyProof, InclusionProof, NotarizedHead } from '@blue-ledger/projections';

/** Sizes and positions as decimal strings: they are 64-bit integers and must stay exact. */
export function headJson({ id, head, lastPosition }: NotarizedHead) {
  return {
    id,
    ...signedTreeHeadToJson(head),
    lastPosition: lastPosition?.toString() ?? null,
  };
}

export function inclusionProofJson(proof: InclusionProof) {
  return {
    position: proof.position.toString(),
    leafIndex: proof.leafIndex.toString(),
    treeSize: proof.treeSize.toString(),
    eventHash: proof.eventHash,
    leafHash: proof.leafHash,
    rootHash: proof.rootHash,
    proof: proof.proof,
    head: proof.head && headJson(proof.head),
  };
}

export function consistencyProofJson(proof: ConsistencyProof) {
  return {
    from: proof.from.toString(),
    to: proof.to.toString(),
    fromRoot: proof.fromRoot,
    toRoot: proof.toRoot,
    proof: proof.proof,
    heads: {
      from: proof.heads.from && headJson(proof.heads.from),
      to: proof.heads.to && headJson(proof.heads.to),
    },
  };
}
