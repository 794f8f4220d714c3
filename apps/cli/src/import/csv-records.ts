import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import type { SkippedRow } from './import-report';

/** One data row of a CSV file, by column name, with the (1-based) line it ends on. */
export interface CsvRecord {
  line: number;
  fields: Record<string, string>;
}

export interface CsvContents {
  records: CsvRecord[];
  /** Rows the parser could not read as records (wrong number of fields, unclosed quote...). */
  unreadable: SkippedRow[];
}

export class MissingColumnsError extends Error {
  override readonly name = 'MissingColumnsError';
}

/**
 * Reads a whole CSV file whose first line names its columns. A row that is not a well-formed
 * record is reported with its line number and left out; a header that lacks one of
 * `requiredColumns` rejects the whole file, since no row of it could be understood.
 */
export function readCsvRecords(filePath: string, requiredColumns: readonly string[]): CsvContents {
  const unreadable: SkippedRow[] = [];
  let lastLine = 1;
  const records = parse(fs.readFileSync(filePath), {
    columns: (header: string[]) => {
      const missing = requiredColumns.filter((column) => !header.includes(column));
      if (missing.length > 0) {
        throw new MissingColumnsError(
          `${filePath}: the first line lacks the column(s) ${missing.join(', ')}`,
        );
      }
      return header;
    },
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (fields: Record<string, string>, context: { lines: number }): CsvRecord => {
      lastLine = context.lines;
      return { line: context.lines, fields };
    },
    on_skip: (error) => {
      const reported: unknown = error?.lines;
      const through = typeof reported === 'number' ? reported : lastLine + 1;
      const line = Math.min(lastLine + 1, through);
      const reason = error?.message ?? 'not a CSV record';
      unreadable.push({ line, ...(through > line && { throughLine: through }), reason });
      lastLine = through;
      return undefined;
    },
  }) as unknown as CsvRecord[];
  return { records, unreadable };
}
