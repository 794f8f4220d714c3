import type { Attribution } from '@blue-ledger/domain';
import { unitsOf } from '../documents/finding-record';
import { createQueryIndexes, type Projection } from '../projection';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import {
  FACTS_TABLE,
  FINDING_EVENTS_TABLE,
  FIRST_ONLY,
  queryIndexes,
  type FactKind,
} from './contingent-history.tables';

const statements = preparedStatements((db) => ({
  fact: db.prepare(`INSERT OR IGNORE INTO ${FACTS_TABLE} VALUES (?, ?, ?, ?)`),
  findingEvent: db.prepare(`INSERT INTO ${FINDING_EVENTS_TABLE} VALUES (?, ?)`),
}));

const firstOnly = FIRST_ONLY.map((kind) => `'${kind}'`).join(', ');

/**
 * Which events make up each contingent's history: the facts of its life (rotations,
 * re-hattings, withdrawals and returns, evaluations, commendations, notifications and
 * replies), the namings, recommendations and decisions about it, the incidents it was linked
 * to and the findings attributed to it (each from the first time), with the events of those
 * findings. It keeps positions only: getContingentHistory reads the envelopes from the audit
 * trail, the state of things from the contingents, incidents, follow-through and deadlines
 * read models, as of any position.
 */
export const contingentHistoryProjection: Projection = {
  name: 'contingent-history',
  // 3: recommendations, decisions and findings as facts too (the history pages by position,
  // as of any position); what each fact is about. 4: withdrawals and returns.
  version: 4,
  queryIndexes: () => queryIndexes,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${FACTS_TABLE} (
      contingent_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      subject_id TEXT
    )`);
    // Not a query index: apply needs it to keep the first link and the first attribution only.
    db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${FACTS_TABLE}_first
      ON ${FACTS_TABLE} (contingent_id, subject_id, kind) WHERE kind IN (${firstOnly})`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_EVENTS_TABLE} (
      finding_id TEXT NOT NULL,
      position INTEGER NOT NULL
    )`);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    for (const table of [FACTS_TABLE, FINDING_EVENTS_TABLE]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  apply(db, event) {
    const { fact, findingEvent } = statements.of(db);
    const position = event.globalPosition;
    const record = (contingentId: string, kind: FactKind, subjectId: string | null): void => {
      fact.run(contingentId, position, kind, subjectId);
    };
    const attribute = (findingId: string, attributions: Attribution[] | undefined): void => {
      findingEvent.run(findingId, position);
      if (attributions === undefined) return;
      unitsOf({ attributions }).forEach((unit) => record(unit, 'finding', findingId));
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
        return record(e.data.contingentId, 'rotation', e.data.rotationId);
      case 'ContingentReHatted':
        return record(e.data.contingentId, 're_hatting', null);
      case 'ContingentWithdrawn':
        return record(e.data.contingentId, 'withdrawal', null);
      case 'ContingentReturned':
        return record(e.data.contingentId, 'return', null);
      case 'ContingentEvaluated':
        return record(e.data.contingentId, 'evaluation', e.data.evaluationId);
      case 'ContingentCommended':
        return record(e.data.contingentId, 'commendation', e.data.commendationId);
      case 'TccNotified':
        return record(e.data.contingentId, 'notification', e.data.notificationId);
      case 'TccResponseRecorded':
        return record(e.data.contingentId, 'response', e.data.regarding);
      case 'UnitNamed':
        return record(e.data.contingentId, 'naming', e.data.namingId);
      case 'RecommendationIssued':
        if (e.data.contingentId === undefined) return;
        return record(e.data.contingentId, 'recommendation', e.data.recommendationId);
      case 'RepatriationDecided':
        if (typeof e.data.contingentId !== 'string') return;
        return record(e.data.contingentId, 'decision', e.data.decisionId);
      case 'IncidentReported':
      case 'IncidentUnitsLinked':
        new Set(e.data.contingentIds).forEach((id) =>
          record(id, 'incident_link', e.data.incidentId),
        );
        return;
      default:
        return;
    }
  },
};
