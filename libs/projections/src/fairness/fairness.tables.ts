import type { SqliteDatabase } from '../sqlite/database';
import { DocumentTable } from '../sqlite/document-table';
import { preparedStatements } from '../sqlite/prepared-statements';
import { visibleIdOf, type FairnessFact } from './fairness-facts';

/** Every fact the figures count, keyed `kind:id`. */
export const fairnessFacts = new DocumentTable<FairnessFact>({
  table: 'fairness_facts',
  columns: [
    { name: 'kind', type: 'TEXT', value: (d) => d.kind },
    { name: 'entity_id', type: 'TEXT', value: visibleIdOf },
  ],
  indexes: [['kind']],
});

/** A data set's report of a unit's strength for [from, to): one row per event, never changed. */
export const REPORTS_TABLE = 'fairness_strength_reports';

export interface ReportRow {
  report_id: string;
  contingent_id: string;
  country: string;
  mission_code: string;
  source: string;
  from_ms: number;
  to_ms: number;
  /** Null: present at a size the source does not give. */
  strength: number | null;
  /** 1 when a part of the unit was at a size the source does not give. */
  incomplete: number;
  position: number;
}

export function createReportsTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${REPORTS_TABLE} (
    report_id TEXT NOT NULL, contingent_id TEXT NOT NULL, country TEXT NOT NULL,
    mission_code TEXT NOT NULL, source TEXT NOT NULL, from_ms INTEGER NOT NULL,
    to_ms INTEGER NOT NULL, strength INTEGER, incomplete INTEGER NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (contingent_id, report_id))`);
}

export const REPORT_INDEXES = [
  {
    name: `${REPORTS_TABLE}_by_mission`,
    table: REPORTS_TABLE,
    columns: ['mission_code', 'from_ms'],
  },
  { name: `${REPORTS_TABLE}_by_time`, table: REPORTS_TABLE, columns: ['from_ms'] },
];

export const reportStatements = preparedStatements((db) => ({
  insert: db.prepare(
    `INSERT OR IGNORE INTO ${REPORTS_TABLE} VALUES (@report_id, @contingent_id, @country,
       @mission_code, @source, @from_ms, @to_ms, @strength, @incomplete, @position)`,
  ),
}));
