import type { ExportVerificationReport, LedgerFailure } from '@blue-ledger/integrity';

/** What `ledger verify` prints: what it checked, then OK or the first failure. */
export function reportText(file: string, report: ExportVerificationReport): string {
  const { checked, header, failure } = report;
  const lines = [
    `Verified ${file}${header ? ` (exported ${header.exportedAt}: ${header.eventCount} events, ${header.headCount} signed heads)` : ''}`,
    `  hash chains:   ${checked.events} events in ${checked.streams} streams, each hash recomputed from its content and linked to the event before it in its stream`,
    `  Merkle log:    ${checked.treeSize} leaves (RFC 9162), root ${checked.rootHash}`,
    `  signed heads:  ${checked.signatures} of ${checked.heads + checked.trustedHeads} signatures valid (Ed25519), ${checked.roots} roots recomputed from the events, ${checked.consistencyProofs} consistency proofs between successive heads`,
  ];
  if (checked.trustedHeads > 0) {
    lines.push(
      `  trusted heads: ${checked.trustedHeads} head(s) you kept, each checked against the log`,
    );
  }
  lines.push(
    failure === null
      ? 'OK: no event was changed, removed, reordered or inserted, and every head is consistent with every later one'
      : failureText(failure),
  );
  return lines.join('\n');
}

export function failureText(failure: LedgerFailure): string {
  const where = [
    failure.position === null ? null : `position ${failure.position}`,
    failure.streamId === null ? null : `stream ${failure.streamId}`,
    failure.revision === null ? null : `revision ${failure.revision}`,
    failure.leafIndex === null ? null : `leaf ${failure.leafIndex}`,
  ].filter((part) => part !== null);
  return `FAILED: ${failure.reason}${where.length ? ` at ${where.join(', ')}` : ''}\n  ${failure.detail}`;
}
