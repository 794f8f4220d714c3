import { stringify } from 'csv-stringify/sync';

/**
 * A table as CSV (RFC 4180, with a header row). A cell that a spreadsheet would read as a
 * formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe:
 * a record written by anyone must not run in an auditor's spreadsheet.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const safe = (cell: string | number | null | undefined): string => {
    if (cell === null || cell === undefined) return '';
    const text = String(cell);
    return typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return stringify([header, ...rows.map((row) => row.map(safe))], { record_delimiter: '\r\n' });
}
