/**
 * The `maxCount` of a read, checked: a non-negative integer, or undefined for no limit. Both SQL
 * adapters bind it as their LIMIT (SQLite's -1, PostgreSQL's NULL for none).
 */
export function readLimitOf(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}
