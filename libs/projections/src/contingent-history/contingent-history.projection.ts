import type { Attribution } from '@blue-ledger/domain';
import { unitsOf } from '../documents/finding-record';
import { createQueryIndexes, type Projection } from '../projection';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import {
  FACTS_TABLE,
  FINDING_EVENTS_TABLE,
  FINDING_UNITS_TABLE,
  queryIndexes,
  type FactKind,
} from './contingent-history.tables';

const statements = preparedStatements((db) => ({
  fact: db.prepare(`INSERT INTO ${FACTS_TABLE} VALUES (?, ?, ?)`),
  findingEvent: db.prepare(`INSERT INTO ${FINDING_EVENTS_TABLE} VALUES (?, ?)`),
  findingUnit: db.prepare(`INSERT INTO ${FINDING_UNITS_TABLE} VALUES (?, ?)`),
}));

/**
 * Which events make up each contingent's history: the facts of its life (rotations,
 * re-hattings, withdrawals and returns, evaluations, commendations, notifications and replies, namings, links to
 * incidents) and the findings ever attributed to it, with their revisions and withdrawals. It
 * keeps positions only: getContingentHistory reads the envelopes from the audit trail, the
 * current state from the contingents, incidents and follow-through read models.
 */
export const contingentHistoryProjection: Projection = {
  name: 'contingent-history',
  version: 3,
  queryIndexes: () => queryIndexes,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${FACTS_TABLE} (
      contingent_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_EVENTS_TABLE} (
      finding_id TEXT NOT NULL,
      position INTEGER NOT NULL
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_UNITS_TABLE} (
      contingent_id TEXT NOT NULL,
      finding_id TEXT NOT NULL
    )`);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    for (const table of [FACTS_TABLE, FINDING_EVENTS_TABLE, FINDING_UNITS_TABLE]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  apply(db, event) {
    const { fact, findingEvent, findingUnit } = statements.of(db);
    const position = event.globalPosition;
    const record = (contingentId: string, kind: FactKind): void => {
      fact.run(contingentId, position, kind);
    };
    const attribute = (findingId: string, attributions: Attribution[] | undefined): void => {
      findingEvent.run(findingId, position);
      if (attributions === undefined) return;
      unitsOf({ attributions }).forEach((unit) => findingUnit.run(unit, findingId));
    };
    const e = ledgerEventOf(event);
    switch (e.type) {
      case 'FindingRecorded':
        return attribute(e.data.findingId, e.data.attributions);
      case 'FindingRevised':
        return attribute(e.data.findingId, e.data.changes.attributions);
      case 'FindingWithdrawn':
        return attribute(e.data.findingId, undefined);
      case 'ContingentRotated':
        return record(e.data.contingentId, 'rotation');
      case 'ContingentReHatted':
        return record(e.data.contingentId, 're_hatting');
      case 'ContingentWithdrawn':
        return record(e.data.contingentId, 'withdrawal');
      case 'ContingentReturned':
        return record(e.data.contingentId, 'return');
      case 'ContingentEvaluated':
        return record(e.data.contingentId, 'evaluation');
      case 'ContingentCommended':
        return record(e.data.contingentId, 'commendation');
      case 'TccNotified':
        return record(e.data.contingentId, 'notification');
      case 'TccResponseRecorded':
        return record(e.data.contingentId, 'response');
      case 'UnitNamed':
        return record(e.data.contingentId, 'naming');
      case 'IncidentReported':
      case 'IncidentUnitsLinked':
        new Set(e.data.contingentIds).forEach((id) => record(id, 'incident_link'));
        return;
      default:
        return;
    }
  },
};
