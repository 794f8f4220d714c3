/** A row left out of an import, and why. `throughLine` when one bad record spans several lines. */
export interface SkippedRow {
  line: number;
  throughLine?: number;
  reason: string;
}

/** How many commands of one type were appended, and how many had been recorded before. */
export interface CommandCount {
  appended: number;
  alreadyRecorded: number;
}

export interface ImportReport {
  source: string;
  /** Data rows in the file (the header excluded). */
  rowsRead: number;
  /** Rows that went into the ledger. */
  rowsUsed: number;
  /** Rows that were understood but are not for this import (e.g. deaths from illness). */
  rowsIgnored: number;
  skipped: SkippedRow[];
  commands: Record<string, CommandCount>;
  eventsAppended: number;
}

export function skippedLines(row: SkippedRow): string {
  return row.throughLine === undefined
    ? `line ${row.line}`
    : `lines ${row.line}-${row.throughLine}`;
}

/** The report as the `ledger import` command prints it. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.source}: ${report.rowsRead} rows read, ${report.rowsUsed} loaded, ` +
      `${report.rowsIgnored} not for this import, ${report.skipped.length} skipped`,
  ];
  for (const [type, count] of Object.entries(report.commands)) {
    lines.push(`  ${type}: ${count.appended} appended, ${count.alreadyRecorded} already recorded`);
  }
  lines.push(`  events appended: ${report.eventsAppended}`);
  for (const row of report.skipped) lines.push(`  skipped ${skippedLines(row)}: ${row.reason}`);
  return lines.join('\n');
}
