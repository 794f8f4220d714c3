import { ProblemException } from '../problems/problem.exception';

/**
 * Which state of the record a read answers: now (`asOf` null), or as the ledger knew it at an
 * instant of recorded time, resolved once per request to `position`, the last position of the
 * global order recorded by then (null before the first event). Every read of one request uses
 * the same point, so its parts agree with each other.
 */
export type ReadPoint = { asOf: null } | { asOf: string; position: number | null };

export const NOW: ReadPoint = { asOf: null };

/** The position a read-model query reads up to: undefined now, -1 (nothing) before the first event. */
export function upToOf(point: ReadPoint): number | undefined {
  return point.asOf === null ? undefined : (point.position ?? -1);
}

/** What every answer carries of the point it was computed for. */
export type AsOfFields = { asOf: null } | { asOf: string; asOfPosition: string | null };

export function asOfFields(point: ReadPoint): AsOfFields {
  if (point.asOf === null) return { asOf: null };
  return {
    asOf: point.asOf,
    asOfPosition: point.position === null ? null : String(point.position),
  };
}

/**
 * A 404 for a thing not recorded (by the point's instant, when asked as of one): the problem
 * says so, and carries `asOf` and `asOfPosition` like any other answer as of an instant.
 */
export function notRecorded(code: string, what: string, point: ReadPoint): ProblemException {
  const when = point.asOf === null ? '' : ` as of ${point.asOf}`;
  const extensions = point.asOf === null ? {} : asOfFields(point);
  return new ProblemException(404, code, `${what}${when}.`, [], {}, extensions);
}

/**
 * The clock a read evaluates what depends on time with (a deadline's status): the instant it
 * was asked as of, or now. The record as of T is read with T as its clock, so that what
 * happened after T, or was recorded after it, is not yet.
 */
export function clockOf(point: ReadPoint): string {
  return point.asOf ?? new Date().toISOString();
}
