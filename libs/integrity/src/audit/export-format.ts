import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SignedTreeHead } from '../tree-head/tree-head';
import { signedTreeHeadFromJson, signedTreeHeadToJson } from '../tree-head/tree-head-json';

/**
 * The ledger's export: NDJSON, one JSON object per line. A header line first, then the signed
 * tree heads, then every event in global order. Sizes, revisions and positions are decimal
 * strings, so no JSON reader rounds them.
 */
export const EXPORT_FORMAT = 'blue-ledger-export';
export const EXPORT_VERSION = 1;

/** What an auditor needs to know to check the file without this code. */
export const EXPORT_HASHING = {
  eventHash:
    'SHA-256 (hex) of the RFC 8785 canonical JSON of the envelope without hash and globalPosition; streamRevision as a JSON number; prevHash is the hash of the previous event of the stream, 64 zeros for revision 0',
  merkleLeaf: 'SHA-256(0x00 || the 32 bytes of the event hash), RFC 9162 section 2.1.1',
  merkleNode: 'SHA-256(0x01 || left || right), RFC 9162 section 2.1.1',
  treeHeadSignature:
    'Ed25519 over the RFC 8785 JSON of {treeSize (decimal string), rootHash (hex), timestamp}',
} as const;

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  eventCount: string;
  headCount: string;
  /** The notary's public key (raw, base64) as the exporter saw it: verify with your own copy. */
  publicKey: string | null;
  hashing: typeof EXPORT_HASHING;
}

export interface ExportedHead {
  head: SignedTreeHead;
  /** The global position of the head's last event: a hint for reports, not signed. */
  lastPosition: bigint | null;
}

export type ExportLine =
  | { kind: 'header'; header: ExportHeader }
  | ({ kind: 'head' } & ExportedHead)
  | { kind: 'event'; event: RecordedEvent };

export function exportHeaderLine(
  header: Omit<ExportHeader, 'kind' | 'format' | 'version' | 'hashing'>,
): string {
  const line: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    ...header,
    hashing: EXPORT_HASHING,
  };
  return JSON.stringify(line);
}

export function exportHeadLine({ head, lastPosition }: ExportedHead): string {
  return JSON.stringify({
    kind: 'head',
    ...signedTreeHeadToJson(head),
    lastPosition: lastPosition?.toString() ?? null,
  });
}

export function exportEventLine(event: RecordedEvent): string {
  return JSON.stringify({
    kind: 'event',
    event: {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamRevision: event.streamRevision.toString(),
      globalPosition: event.globalPosition.toString(),
      recordedAt: event.recordedAt,
      ...(event.occurredAt != null && { occurredAt: event.occurredAt }),
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      data: event.data,
      prevHash: event.prevHash,
      hash: event.hash,
    },
  });
}

/** Reads one line back; throws a TypeError that says what is wrong with it. */
export function parseExportLine(text: string): ExportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError('not JSON');
  }
  const line = asObject(value, 'the line');
  switch (line.kind) {
    case 'header':
      return { kind: 'header', header: parseHeader(line) };
    case 'head':
      return {
        kind: 'head',
        head: signedTreeHeadFromJson(line),
        lastPosition: line.lastPosition == null ? null : decimal(line.lastPosition, 'lastPosition'),
      };
    case 'event':
      return { kind: 'event', event: parseEvent(asObject(line.event, 'event')) };
    default:
      throw new TypeError(`unknown kind ${JSON.stringify(line.kind)}`);
  }
}

function parseHeader(line: Record<string, unknown>): ExportHeader {
  if (line.format !== EXPORT_FORMAT) throw new TypeError(`the format is not ${EXPORT_FORMAT}`);
  if (line.version !== EXPORT_VERSION) {
    throw new TypeError(`version ${String(line.version)} is not ${EXPORT_VERSION}`);
  }
  decimal(line.eventCount, 'eventCount');
  decimal(line.headCount, 'headCount');
  return line as unknown as ExportHeader;
}

/** The event exactly as written: the hash covers what is in the file, nothing is rebuilt. */
function parseEvent(e: Record<string, unknown>): RecordedEvent {
  const strings = [
    'eventId',
    'type',
    'streamId',
    'recordedAt',
    'correlationId',
    'causationId',
    'prevHash',
    'hash',
  ] as const;
  for (const name of strings) {
    if (typeof e[name] !== 'string') throw new TypeError(`event.${name} must be a string`);
  }
  if (!Number.isSafeInteger(e.schemaVersion)) {
    throw new TypeError('event.schemaVersion must be an integer');
  }
  if (e.occurredAt != null && typeof e.occurredAt !== 'string') {
    throw new TypeError('event.occurredAt must be a string');
  }
  const actor = asObject(e.actor, 'event.actor');
  if (typeof actor.id !== 'string' || typeof actor.role !== 'string') {
    throw new TypeError('event.actor must have a string id and role');
  }
  return {
    ...(e as unknown as RecordedEvent),
    data: asObject(e.data, 'event.data'),
    streamRevision: decimal(e.streamRevision, 'event.streamRevision'),
    globalPosition: decimal(e.globalPosition, 'event.globalPosition'),
  };
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object`);
  }
  return value as Record<string, unknown>;
}

function decimal(value: unknown, name: string): bigint {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) {
    throw new TypeError(`${name} must be a decimal string`);
  }
  return BigInt(value);
}
