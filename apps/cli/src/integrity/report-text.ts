import type {
  ExportVerificationReport,
  LedgerFailure,
  LedgerFailureReason,
} from '@blue-ledger/integrity';

/** Failures found once every event was read: the heads were checked up to them. */
const HEAD_FAILURES: readonly LedgerFailureReason[] = [
  'bad_signature',
  'head_beyond_log',
  'root_mismatch',
  'inconsistent_heads',
  'inconsistent_with_trusted_head',
];

/** What `ledger verify` prints: what it checked, then OK or the first failure. */
export function reportText(file: string, report: ExportVerificationReport): string {
  const { checked, header, failure } = report;
  const headsReached = failure === null || HEAD_FAILURES.includes(failure.reason);
  const heads = checked.heads + checked.trustedHeads;
  const lines = [
    `Verified ${file}${header ? ` (exported ${header.exportedAt}: ${header.eventCount} events, ${header.headCount} signed heads)` : ''}`,
    `  hash chains:   ${checked.events} events in ${checked.streams} streams${failure && !headsReached ? ' verified before the failure' : ''}, each hash recomputed from its content and linked to the event before it in its stream`,
    `  Merkle log:    ${checked.treeSize} leaves (RFC 9162), root ${checked.rootHash}`,
    headsReached
      ? `  signed heads:  ${checked.signatures} of ${heads} signatures valid (Ed25519), ${checked.roots} roots recomputed from the events, ${checked.consistencyProofs} consistency proofs between successive heads`
      : `  signed heads:  ${heads} not checked: the events failed first`,
  ];
  if (checked.trustedHeads > 0) {
    lines.push(
      `  trusted heads: ${checked.trustedHeads} kept by you, each checked against the log`,
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
