import { createQueryIndexes, batched, type Projection } from '../projection';
import { ledgerEventOf } from '../support/ledger-event-of';
import { factChangeOf, factKey } from './fairness-facts';
import {
  createReportsTable,
  fairnessFacts,
  REPORT_INDEXES,
  REPORTS_TABLE,
  reportStatements,
} from './fairness.tables';

/**
 * What the fairness figures count: units and their first-hand strength over time, data sets'
 * strength reports, incidents and the units present, investigations, findings as they now
 * stand, namings, recommendations, decisions and their implementation, evaluations,
 * commendations, notifications and their first reply; each with the event that recorded it.
 * The figures themselves are computed when asked, for a mission and a period (fairness.queries.ts).
 */
export const fairnessProjection: Projection = {
  name: 'fairness',
  // 2: the facts versioned like every DocumentTable's (valid_from, valid_to), for asOf.
  // 3: a decision's recorded time, the clock of the days to a decision.
  version: 3,
  queryIndexes: () => [...fairnessFacts.queryIndexes, ...REPORT_INDEXES],
  setup: (db) => {
    fairnessFacts.create(db);
    createReportsTable(db);
    createQueryIndexes(db, REPORT_INDEXES);
  },
  reset: (db) => {
    fairnessFacts.drop(db);
    reportStatements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${REPORTS_TABLE}`);
  },
  ...batched((db) => {
    const facts = fairnessFacts.session(db);
    return {
      apply(event) {
        const change = factChangeOf(event);
        if (change === null) return;
        const [key, evolve] = change;
        facts.update(key, evolve);
        const e = ledgerEventOf(event);
        if (e.type !== 'ContingentStrengthReported') return;
        const unit = facts.get(factKey('unit', e.data.contingentId));
        if (unit?.kind !== 'unit') return;
        const { reportId, source, from, to, strength, locations } = e.data;
        reportStatements.of(db).insert.run({
          report_id: reportId,
          contingent_id: unit.contingentId,
          country: unit.country,
          mission_code: unit.missionCode,
          source,
          from_ms: Date.parse(from),
          to_ms: Date.parse(to),
          strength,
          incomplete:
            strength === null || (locations ?? []).some((l) => l.strength === null) ? 1 : 0,
          position: Number(event.globalPosition),
        });
      },
      flush: () => facts.flush(),
    };
  }),
};
