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

/** In a "not found" answer: at which instant it was not found, when it was asked as of one. */
export function asOfDetail(point: ReadPoint): string {
  return point.asOf === null ? '' : ` as of ${point.asOf}`;
}
