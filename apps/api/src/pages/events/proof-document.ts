import type { EnvelopeView } from '../rendering/event-line';

export interface HeadView {
  id: number;
  treeSize: string;
  rootHash: string;
  timestamp: string;
  signature: string;
  lastPosition: string | null;
}

export interface InclusionProofView {
  position: string;
  leafIndex: string;
  treeSize: string;
  eventHash: string;
  leafHash: string;
  rootHash: string;
  proof: string[];
  head: HeadView | null;
}

export interface PublicKeyView {
  algorithm: string;
  pem: string;
  raw: string;
}

/**
 * An event's inclusion proof as one self-contained document: the event as the reader may see
 * it, the audit path, the signed tree head it leads to, the notary's public key, and the
 * command that checks it offline. The page's script checks exactly this document.
 */
export function proofDocument(event: EnvelopeView, proof: InclusionProofView, key: PublicKeyView) {
  const command = [
    'npm run ledger -- verify-proof inclusion',
    `--leaf-index ${proof.leafIndex}`,
    `--tree-size ${proof.treeSize}`,
    `--event-hash ${proof.eventHash}`,
    `--root ${proof.rootHash}`,
    `--proof "${proof.proof.join(',')}"`,
  ].join(' ');
  return {
    format: 'blue-ledger/inclusion-proof/v1',
    position: proof.position,
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    eventHash: proof.eventHash,
    leafHash: proof.leafHash,
    rootHash: proof.rootHash,
    proof: proof.proof,
    signedHead: proof.head,
    publicKey: { algorithm: key.algorithm, raw: key.raw, pem: key.pem },
    event: {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      recordedAt: event.recordedAt,
      occurredAt: event.occurredAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      data: event.data,
      prevHash: event.prevHash,
      hash: event.hash,
    },
    verifyOffline: command,
  };
}

export type ProofDocument = ReturnType<typeof proofDocument>;
