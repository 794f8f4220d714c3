import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The secret idempotency request hashes are keyed with (derived from the KEK, never stored). */
export const IDEMPOTENCY_SECRET = Symbol('IDEMPOTENCY_SECRET');
export const IDEMPOTENCY_SECRET_PURPOSE = 'idempotency-request-hash/v1';

/** HMAC-SHA-256 of the method, the URL and the canonical JSON of the body. */
export function requestHash(secret: Buffer, method: string, url: string, body: unknown): string {
  return createHmac('sha256', secret)
    .update(`${method} ${url}\n${canonicalize(body ?? null) ?? ''}`)
    .digest('hex');
}

const SUBJECT_FIELDS = new Set(['subjectId', 'commanderSubjectId']);

/** The subject ids a request body names (`subjectId`, `commanderSubjectId`, `subjectIds`). */
export function subjectIdsIn(body: unknown, found = new Set<string>()): string[] {
  if (Array.isArray(body)) body.forEach((item) => subjectIdsIn(item, found));
  else if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) {
      if (SUBJECT_FIELDS.has(name) && typeof value === 'string') found.add(value);
      else if (name === 'subjectIds' && Array.isArray(value)) {
        value.filter((v): v is string => typeof v === 'string').forEach((v) => found.add(v));
      } else subjectIdsIn(value, found);
    }
  }
  return [...found];
}
