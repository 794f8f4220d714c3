import * as grpc from '@grpc/grpc-js';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { EXPECTED_ANY, EXPECTED_NO_STREAM, EXPECTED_STREAM_EXISTS } from './transaction-log';
import type { StoredEvent } from './transaction-log';

/**
 * Conversions between the client's protobuf messages (the classes that @eventstore/db-client
 * generated from EventStoreDB's .proto files) and the double's records, written the way the
 * server writes them.
 */

export const empty = (): Empty => new Empty();

export function streamName(identifier: StreamIdentifier | undefined): string {
  if (identifier === undefined) throw invalidArgument('stream_identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

export function uuidText(uuid: UUID | undefined): string {
  if (uuid === undefined) throw invalidArgument('id is required');
  if (uuid.hasString()) return guidText(uuid.getString());
  const structured = uuid.getStructured();
  if (structured === undefined) throw invalidArgument('id is empty');
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** As the server parses a GUID (Guid.Parse) and prints it back: lower case, with hyphens. */
function guidText(text: string): string {
  const hex =
    /^[{(]?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})[)}]?$/i.exec(
      text,
    );
  if (hex === null) throw invalidArgument(`'${text}' is not a GUID`);
  return hex.slice(1).join('-').toLowerCase();
}

export function uuidMessage(text: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) {
    uuid.setString(text);
    return uuid;
  }
  const bytes = Buffer.from(text.replace(/-/g, ''), 'hex');
  const parts = new UUID.Structured();
  parts.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  parts.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  uuid.setStructured(parts);
  return uuid;
}

/** The server stores only "is JSON" and answers with one of these two content types. */
export function storedContentType(contentType: string): string {
  return contentType === 'application/json' ? 'application/json' : 'application/octet-stream';
}

export function readEvent(event: StoredEvent, structuredIds: boolean): ReadResp.ReadEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.eventId, structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(event.streamId));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.createdTicks.toString());
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.position.toString());
  return read;
}

export function allStreamPosition(commit: bigint, prepare: bigint): AllStreamPosition {
  const position = new AllStreamPosition();
  position.setCommitPosition(commit.toString());
  position.setPreparePosition(prepare.toString());
  return position;
}

/** The `WrongExpectedVersion` detail that BatchAppend packs into its google.rpc.Status. */
export function wrongExpectedVersionDetail(
  currentRevision: bigint,
  expected: bigint,
): WrongExpectedVersion {
  const detail = new WrongExpectedVersion();
  if (currentRevision < 0n) detail.setCurrentNoStream(new GoogleEmpty());
  else detail.setCurrentStreamRevision(currentRevision.toString());
  if (expected === EXPECTED_ANY) detail.setExpectedAny(new GoogleEmpty());
  else if (expected === EXPECTED_NO_STREAM) detail.setExpectedNoStream(new GoogleEmpty());
  else if (expected === EXPECTED_STREAM_EXISTS) detail.setExpectedStreamExists(new GoogleEmpty());
  else detail.setExpectedStreamPosition(expected.toString());
  return detail;
}

export function invalidArgument(details: string): grpc.ServiceError {
  return serviceError(grpc.status.INVALID_ARGUMENT, details);
}

/** How the server reports a missing `type` or `content-type` on a proposed event. */
export function requiredMetadataPropertyMissing(property: string): grpc.ServiceError {
  const error = serviceError(
    grpc.status.INVALID_ARGUMENT,
    `Required Metadata Property '${property}' is missing`,
  );
  error.metadata.set('exception', 'missing-required-metadata-property');
  error.metadata.set('required-properties', property);
  return error;
}

function serviceError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}
