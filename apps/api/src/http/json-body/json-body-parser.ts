import { Tokenizer } from '@streamparser/json';
import type { NextFunction, Request, Response } from 'express';
import getRawBody from 'raw-body';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ProblemException } from '../../problems/problem.exception';
import { JSON_LIMITS, type JsonLimits } from './json-limits';
import { JsonBodyRefusal, JsonShapeCheck } from './json-shape-check';

export interface JsonBodyOptions {
  /** Bytes; a longer body is refused with 413 before it is read whole. */
  maxBytes: number;
  limits?: JsonLimits;
  /** Bytes checked between two turns of the event loop, so that other requests go on. */
  sliceBytes?: number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const SLICE_BYTES = 32 * 1024;

/**
 * The JSON body parser of the API. It reads the raw body (at most `maxBytes`), insists on
 * UTF-8, and checks the body's shape token by token (depth, members, items, values, duplicate
 * member names, unaccepted text: see JsonShapeCheck), a slice at a time with a turn of the event
 * loop between slices, before the value is built with JSON.parse. So no body can make a later
 * recursive walk (validation, canonical encoding) overflow the stack, nor hold the event loop
 * for more than one slice. Requests of other media types are left untouched.
 */
export function jsonBodyParser(options: JsonBodyOptions) {
  const limits = options.limits ?? JSON_LIMITS;
  const sliceBytes = options.sliceBytes ?? SLICE_BYTES;
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!hasBody(request) || !isJson(request)) return next();
    parseBody(request, options.maxBytes, limits, sliceBytes).then(
      (body) => {
        request.body = body;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function hasBody(request: Request): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0
  );
}

function isJson(request: Request): boolean {
  const type = request.headers['content-type'];
  if (typeof type !== 'string') return false;
  return JSON_TYPE.test(type.split(';')[0].trim());
}

async function parseBody(
  request: Request,
  maxBytes: number,
  limits: JsonLimits,
  sliceBytes: number,
): Promise<unknown> {
  refuseUnsupportedEncoding(request);
  let raw: Buffer;
  try {
    raw = await getRawBody(request, { limit: maxBytes, length: request.headers['content-length'] });
  } catch (error) {
    throw rawBodyProblem(error, maxBytes);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new ProblemException(400, 'malformed_json', 'The request body is not valid UTF-8.');
  }
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') {
    // As body-parser's strict mode: a command is an object; a bare value is a mistake.
    throw new ProblemException(
      400,
      'malformed_json',
      'The request body must be a JSON object or array.',
    );
  }
  await checkShape(raw, limits, sliceBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemException(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

async function checkShape(raw: Buffer, limits: JsonLimits, sliceBytes: number): Promise<void> {
  const check = new JsonShapeCheck(limits);
  const tokenizer = new Tokenizer();
  let refusal: unknown;
  tokenizer.onToken = ({ token, value }) => {
    if (refusal !== undefined) return;
    try {
      check.token(token, value);
    } catch (error) {
      refusal = error;
    }
  };
  tokenizer.onError = (error) => {
    refusal ??= new JsonBodyRefusal('malformed_json', '', 'The request body is not valid JSON.');
    void error;
  };
  for (let offset = 0; offset < raw.length && refusal === undefined; offset += sliceBytes) {
    if (offset > 0) await nextTurn();
    try {
      tokenizer.write(raw.subarray(offset, offset + sliceBytes));
    } catch {
      refusal ??= new JsonBodyRefusal('malformed_json', '', 'The request body is not valid JSON.');
    }
  }
  if (refusal === undefined) {
    try {
      tokenizer.end();
      check.end();
    } catch (error) {
      refusal = error instanceof JsonBodyRefusal ? error : malformed();
    }
  }
  if (refusal !== undefined) throw problemOf(refusal);
}

const malformed = () =>
  new JsonBodyRefusal('malformed_json', '', 'The request body is not valid JSON.');

function problemOf(refusal: unknown): ProblemException {
  if (!(refusal instanceof JsonBodyRefusal)) return problemOf(malformed());
  if (refusal.code === 'malformed_json') {
    return new ProblemException(400, 'malformed_json', refusal.reason);
  }
  const field = refusal.field === '' ? '(body)' : refusal.field;
  return new ProblemException(
    400,
    refusal.code,
    refusal.message,
    [{ field, reason: refusal.reason }],
    {},
    refusal.limit ? { limit: refusal.limit } : {},
  );
}

function refuseUnsupportedEncoding(request: Request): void {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '');
  if (encoding !== 'identity' || (charset && charset[1].toLowerCase() !== 'utf-8')) {
    throw new ProblemException(
      415,
      'unsupported_encoding',
      'Send the body as UTF-8 JSON, without content encoding.',
    );
  }
}

function rawBodyProblem(error: unknown, maxBytes: number): ProblemException {
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    const megabytes = maxBytes / (1024 * 1024);
    return new ProblemException(
      413,
      'payload_too_large',
      `The request body is over ${megabytes} MB.`,
    );
  }
  if (type === 'request.size.invalid' || type === 'request.aborted') {
    return new ProblemException(400, 'malformed_json', 'The request body was cut short.');
  }
  return new ProblemException(400, 'malformed_json', 'The request body could not be read.');
}
