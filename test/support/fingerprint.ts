import { createHash } from 'node:crypto';

/** The SHA-256 (hex) the ledger keeps for an artefact; here the artefact is a short text. */
export const fingerprint = (artefact: string): string =>
  createHash('sha256').update(artefact).digest('hex');
