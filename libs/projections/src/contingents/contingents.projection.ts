import {
  contingentIdOf,
  evolveContingentState,
  type StoredContingentState,
} from '../documents/contingent-state';
import { batched, type Projection } from '../projection';
import { DocumentTable } from '../sqlite/document-table';

export const contingentStates = new DocumentTable<StoredContingentState>({
  table: 'contingent_states',
  columns: [
    { name: 'country', type: 'TEXT', value: (d) => d.country },
    { name: 'mission_code', type: 'TEXT', value: (d) => d.missionCode },
    { name: 'position', type: 'INTEGER', value: (d) => d.registered.position },
  ],
  indexes: [['position'], ['country', 'position'], ['mission_code', 'position']],
});

/** Each contingent's current state, for the contingent list. */
export const contingentsProjection: Projection = {
  name: 'contingents',
  // 3: every version of each state, valid from the event that made it (answers as of any
  // position), with presence and strength over time (withdrawals and returns).
  version: 3,
  queryIndexes: () => contingentStates.queryIndexes,
  setup: (db) => contingentStates.create(db),
  reset: (db) => contingentStates.drop(db),
  ...batched((db) => {
    const states = contingentStates.session(db);
    return {
      apply(event) {
        const contingentId = contingentIdOf(event);
        if (contingentId === null) return;
        states.update(contingentId, (doc) => evolveContingentState(doc, event));
      },
      flush: () => states.flush(),
    };
  }),
};
