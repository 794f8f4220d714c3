import type { CommandPath } from '@blue-ledger/command-handling';
import { DomainError } from '@blue-ledger/domain';
import { readCsvRecords, type CsvRecord } from './csv-records';
import { ImportLedger } from './import-ledger';
import type { ImportReport, SkippedRow } from './import-report';
import { registerMissingMissions } from './missions';
import type { Progress } from './progress';

/** A source file's rows as its parser took them: the rows it understood, the rest and why. */
export interface SourceRows<Row, Refused> {
  rows: Row[];
  /** What the parser said of each record it refused, in file order. */
  refused: Refused[];
  /** Unreadable records and refused rows, by line. */
  skipped: SkippedRow[];
  /** Data rows in the file (the header excluded). */
  rowsRead: number;
}

/**
 * Reads a CSV source and runs each record through the importer's parser: a record the parser
 * refuses is a skipped row at its line, with the parser's reason.
 */
export function readSourceRows<Row, Refused extends { ok: false; reason: string }>(
  filePath: string,
  columns: readonly string[],
  parse: (record: CsvRecord) => { ok: true; row: Row } | Refused,
): SourceRows<Row, Refused> {
  const { records, unreadable } = readCsvRecords(filePath, columns);
  const read: SourceRows<Row, Refused> = {
    rows: [],
    refused: [],
    skipped: [...unreadable],
    rowsRead: records.length + unreadable.length,
  };
  for (const record of records) {
    const parsed = parse(record);
    if (parsed.ok) {
      read.rows.push(parsed.row);
    } else {
      read.refused.push(parsed);
      read.skipped.push({ line: record.line, reason: parsed.reason });
    }
  }
  return read;
}

/** What every importer's plan has: a key naming it in the report, and the mission it is in. */
export interface ImportPlan {
  key: string;
  missionCode: string;
}

/** What one importer hands the run: its plans, and how to carry out one of them. */
export interface ImportPlans<Plan extends ImportPlan> {
  source: string;
  plans: readonly Plan[];
  /** The steps a plan counts for on the progress bar (its years, its runs of months...): 1 if not said. */
  stepsOf?(plan: Plan): number;
  /** Carries the plan out through the ledger, calling `step` as each of its steps is done. */
  importPlan(ledger: ImportLedger, plan: Plan, step: () => void): Promise<void>;
  /** The lines a plan the ledger refused is reported at as skipped, with the ledger's reason. */
  refusedAt(plan: Plan): number[];
}

/** The rows' side of the report: how many were read, used and not for this import, and what was skipped. */
export interface RowCounts<Plan extends ImportPlan> {
  rowsRead: number;
  /** A number, or one counted from the plans the ledger took. */
  rowsUsed: number | ((imported: readonly Plan[]) => number);
  rowsIgnored?: number;
  skipped: readonly SkippedRow[];
}

/**
 * The run every importer shares: registers the plans' missions the ledger lacks, carries out
 * each plan with the progress bar going, reports a plan the ledger refuses (a rule of the
 * domain) as skipped at its lines and goes on with the next (any other error stops the
 * import), and returns the report of what it did.
 */
export async function runImport<Plan extends ImportPlan>(
  path: CommandPath,
  progress: Progress,
  work: ImportPlans<Plan>,
  counts: RowCounts<Plan>,
): Promise<ImportReport> {
  const stepsOf = work.stepsOf ?? (() => 1);
  const ledger = new ImportLedger(path);
  await registerMissingMissions(
    ledger,
    work.plans.map((plan) => plan.missionCode),
  );
  const skipped = [...counts.skipped];
  const imported: Plan[] = [];
  progress.start(
    work.plans.reduce((sum, plan) => sum + stepsOf(plan), 0),
    work.source,
  );
  try {
    for (const plan of work.plans) {
      let stepsLeft = stepsOf(plan);
      const step = () => {
        stepsLeft -= 1;
        progress.increment();
      };
      try {
        await work.importPlan(ledger, plan, step);
        imported.push(plan);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const reason = `${plan.key}: ${error.message}`;
        for (const line of work.refusedAt(plan)) skipped.push({ line, reason });
      }
      while (stepsLeft > 0) step();
    }
  } finally {
    progress.stop();
  }
  return {
    source: work.source,
    rowsRead: counts.rowsRead,
    rowsUsed: typeof counts.rowsUsed === 'number' ? counts.rowsUsed : counts.rowsUsed(imported),
    rowsIgnored: counts.rowsIgnored ?? 0,
    skipped: skipped.sort((a, b) => a.line - b.line),
    commands: ledger.commands,
    eventsAppended: ledger.eventsAppended,
  };
}
