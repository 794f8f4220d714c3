export {
  CheckpointProgress,
  lowestPosition,
  type ReadModelProgress,
} from '@blue-ledger/projections';

/** The `ReadModelProgress` of this process's storage (`LedgerStorage.progress`), for Nest. */
export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');
