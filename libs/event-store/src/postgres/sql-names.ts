/**
 * The schema the store lives in is chosen by configuration, so it is spliced into SQL text:
 * only plain lower-case names are accepted, and they are always double-quoted.
 */
const PLAIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function quotedSchema(schema: string): string {
  if (!PLAIN_NAME.test(schema)) {
    throw new RangeError(
      `schema name ${JSON.stringify(schema)}: use 1 to 63 lower-case letters, digits or _, not starting with a digit`,
    );
  }
  return `"${schema}"`;
}

/** A string as an SQL literal (standard_conforming_strings is on since PostgreSQL 9.1). */
export const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;
