import type { KeyObject } from 'node:crypto';
import type { SignedTreeHead } from '../tree-head/tree-head';
import { parseExportLine, type ExportHeader, type ExportLine } from './export-format';
import {
  LedgerVerifier,
  type LedgerFailure,
  type LedgerVerificationReport,
} from './ledger-verifier';

export interface VerifyExportOptions {
  /** The notary's public key, from the auditor's own copy: never the one in the file. */
  publicKey: KeyObject | string;
  /** Heads the auditor kept from earlier: the export must extend each of them. */
  trustedHeads?: readonly SignedTreeHead[];
  /** Called after each event line with the count so far and the header's total. */
  onProgress?(events: number, total: number | null): void;
}

export interface ExportVerificationReport extends LedgerVerificationReport {
  header: ExportHeader | null;
}

/**
 * Verifies an export read line by line (see export-format): the header, then every event and
 * head through the LedgerVerifier, then that the file holds as many of each as its header says.
 */
export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
  options: VerifyExportOptions,
): Promise<ExportVerificationReport> {
  const verifier = new LedgerVerifier(options.publicKey);
  options.trustedHeads?.forEach((head) => verifier.addHead(head, { trusted: true }));

  let header: ExportHeader | null = null;
  let lineNumber = 0;
  let events = 0;
  let heads = 0;
  let lastPosition: bigint | null = null;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    let line: ExportLine;
    try {
      line = parseExportLine(text);
    } catch (error) {
      verifier.fail(malformed(`line ${lineNumber}: ${(error as Error).message}`, lastPosition));
      break;
    }
    if (header === null && line.kind !== 'header') {
      verifier.fail(malformed('line 1 is not a blue-ledger-export header', null));
      break;
    }
    if (line.kind === 'header') {
      if (header !== null) {
        verifier.fail(malformed(`line ${lineNumber}: a second header`, lastPosition));
        break;
      }
      header = line.header;
    } else if (line.kind === 'head') {
      heads += 1;
      verifier.addHead(line.head, { label: `signed head on line ${lineNumber}` });
    } else {
      events += 1;
      lastPosition = line.event.globalPosition;
      verifier.addEvent(line.event);
      options.onProgress?.(events, header ? Number(header.eventCount) : null);
    }
  }

  if (header === null) verifier.fail(malformed('the file is empty', null));
  else if (
    BigInt(events) !== BigInt(header.eventCount) ||
    BigInt(heads) !== BigInt(header.headCount)
  ) {
    verifier.fail({
      reason: 'export_incomplete',
      position: lastPosition,
      leafIndex: null,
      streamId: null,
      revision: null,
      detail: `the header announces ${header.eventCount} events and ${header.headCount} heads, the file holds ${events} and ${heads}${lastPosition === null ? '' : ` (the last event read is at position ${lastPosition})`}`,
    });
  }
  return { ...verifier.finish(), header };
}

function malformed(detail: string, position: bigint | null): LedgerFailure {
  return {
    reason: 'malformed_export',
    position,
    leafIndex: null,
    streamId: null,
    revision: null,
    detail,
  };
}
