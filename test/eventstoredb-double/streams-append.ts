import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb';
import { BadRequest } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { EXPECTED_ANY, EXPECTED_NO_STREAM, EXPECTED_STREAM_EXISTS } from './transaction-log';
import type { AppendOutcome, ProposedRecord, TransactionLog } from './transaction-log';
import {
  allStreamPosition,
  empty,
  invalidArgument,
  requiredMetadataPropertyMissing,
  storedContentType,
  streamIdentifier,
  streamName,
  uuidText,
  wrongExpectedVersionDetail,
} from './wire-format';

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

function proposedRecord(message: ProposedMessage): ProposedRecord {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined) throw requiredMetadataPropertyMissing('type');
  const contentType = metadata.get('content-type');
  if (contentType === undefined) throw requiredMetadataPropertyMissing('content-type');
  return {
    eventId: uuidText(message.getId()),
    type,
    contentType: storedContentType(contentType),
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function expectedVersion(
  options: AppendReq.Options | BatchAppendReq.Options,
  revision: () => string,
): bigint {
  if (options.hasAny()) return EXPECTED_ANY;
  if (options.hasNoStream()) return EXPECTED_NO_STREAM;
  if (options.hasStreamExists()) return EXPECTED_STREAM_EXISTS;
  return BigInt(revision());
}

/** Streams.Append: a client stream of one options message then the proposed events. */
export function appendHandler(
  log: TransactionLog,
): grpc.handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    call.on('end', () => {
      try {
        const [header, ...messages] = requests;
        const options = header?.getOptions();
        if (options === undefined) throw invalidArgument('the first message must carry options');
        const expected = expectedVersion(options, () => options.getRevision());
        const proposed = messages.map((message) => {
          const event = message.getProposedMessage();
          if (event === undefined) throw invalidArgument('expected a proposed message');
          return proposedRecord(event);
        });
        const outcome = log.append(streamName(options.getStreamIdentifier()), expected, proposed);
        callback(null, appendResponse(outcome, options));
      } catch (error) {
        callback(error as grpc.ServiceError);
      }
    });
  };
}

function appendResponse(outcome: AppendOutcome, options: AppendReq.Options): AppendResp {
  const response = new AppendResp();
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (options.hasAny()) {
      wrong.setExpectedAny(empty());
      wrong.setAny2060(empty());
    } else if (options.hasStreamExists()) {
      wrong.setExpectedStreamExists(empty());
      wrong.setStreamExists2060(empty());
    } else if (options.hasNoStream()) {
      wrong.setExpectedNoStream(empty());
    } else {
      wrong.setExpectedRevision(options.getRevision());
      wrong.setExpectedRevision2060(Number(options.getRevision()));
    }
    if (outcome.currentRevision < 0n) {
      wrong.setCurrentNoStream(empty());
      wrong.setNoStream2060(empty());
    } else {
      wrong.setCurrentRevision(outcome.currentRevision.toString());
      wrong.setCurrentRevision2060(Number(outcome.currentRevision));
    }
    response.setWrongExpectedVersion(wrong);
    return response;
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision < 0n) success.setNoStream(empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position < 0n) success.setNoPosition(empty());
  else {
    const position = new AppendResp.Position();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setPosition(position);
  }
  response.setSuccess(success);
  return response;
}

interface PendingBatch {
  streamId: string;
  expected: bigint;
  events: ProposedRecord[];
}

/**
 * Streams.BatchAppend: one long-lived bidirectional stream; each write is a run of requests
 * sharing a correlation id, the first with options, the last flagged final.
 */
export function batchAppendHandler(
  log: TransactionLog,
): grpc.handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = uuidText(correlationId);
      const response = new BatchAppendResp();
      response.setCorrelationId(correlationId);
      try {
        const options = request.getOptions();
        if (options !== undefined) {
          pending.set(key, {
            streamId: streamName(options.getStreamIdentifier()),
            expected: expectedVersion(options, () => options.getStreamPosition()),
            events: [],
          });
        }
        const batch = pending.get(key);
        if (batch === undefined) return;
        batch.events.push(...request.getProposedMessagesList().map(proposedRecord));
        if (!request.getIsFinal()) return;
        pending.delete(key);
        response.setStreamIdentifier(streamIdentifier(batch.streamId));
        const outcome = log.append(batch.streamId, batch.expected, batch.events);
        if (outcome.kind === 'wrong_expected_version') {
          response.setError(
            wrongExpectedVersionStatus(
              wrongExpectedVersionDetail(outcome.currentRevision, batch.expected),
            ),
          );
        } else response.setSuccess(batchSuccess(outcome));
      } catch (error) {
        response.setError(badRequest((error as Error).message));
      }
      call.write(response);
    });
    call.on('end', () => call.end());
  };
}

function batchSuccess(outcome: Exclude<AppendOutcome, { kind: 'wrong_expected_version' }>) {
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision < 0n) success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position < 0n) success.setNoPosition(new GoogleEmpty());
  else success.setPosition(allStreamPosition(outcome.position, outcome.position));
  return success;
}

function packedStatus(
  code: Code,
  message: string,
  detail: { serializeBinary(): Uint8Array },
  type: string,
) {
  const details = new Any();
  details.pack(detail.serializeBinary(), type);
  const status = new Status();
  status.setCode(code);
  status.setMessage(message);
  status.setDetails(details);
  return status;
}

function wrongExpectedVersionStatus(detail: { serializeBinary(): Uint8Array }): Status {
  return packedStatus(
    Code.ALREADY_EXISTS,
    'WrongExpectedVersion',
    detail,
    'event_store.client.WrongExpectedVersion',
  );
}

function badRequest(message: string): Status {
  const detail = new BadRequest();
  detail.setMessage(message);
  return packedStatus(Code.INVALID_ARGUMENT, 'BadRequest', detail, 'event_store.client.BadRequest');
}
