import { v5 as uuidv5 } from 'uuid';

/** The namespace of every id the importers derive (a fixed, random UUID). */
const IMPORT_NAMESPACE = '6f0c3c62-52d4-4f57-9a52-2a4b0f1d3e7a';

/**
 * A UUID (version 5) derived from a row's natural key, e.g. `contingent:NPL:UNMISS:infantry_battalion`.
 * The same key always gives the same id, so that importing a file twice finds the first
 * import's aggregates instead of creating new ones.
 */
export function naturalId(naturalKey: string): string {
  return uuidv5(naturalKey, IMPORT_NAMESPACE);
}
