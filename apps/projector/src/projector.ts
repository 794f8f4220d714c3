import type { EventStore } from '@blue-ledger/event-store';
import { loadOrCreateKeyPair } from '@blue-ledger/integrity';
import {
  ledgerProjections,
  Notary,
  type SharedTreeHeads,
  ProjectionRunner,
  type Projection,
} from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import {
  type LedgerConfig,
  openEventStore,
  openReadModelFile,
  lowestPosition,
} from '@blue-ledger/runtime';

export interface ProjectorLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ProjectorStatus {
  status: ProjectionRunner['status'];
  /** Every read model has applied the events up to this position; null before the first. */
  position: number | null;
  headPosition: number | null;
  caughtUp: boolean;
  checkpoints: { name: string; version: number; position: number | null }[];
}

export interface Projector {
  readonly runner: ProjectionRunner;
  /** Signs tree heads over the Merkle log the notary projection keeps (the API only reads them). */
  readonly notary: Notary;
  /** Resolves once the read models have caught up with the store's head at start. */
  readonly caughtUp: Promise<void>;
  status(): Promise<ProjectorStatus>;
  /** Stops following the store; what was applied stays applied, with its checkpoint. */
  stop(): Promise<void>;
}

/**
 * The read models as a process of their own: a ProjectionRunner following the store's global
 * order (EventStoreDB's `$all`) into a local SQLite file. Each checkpoint is committed with the
 * read-model writes it covers, so a restart resumes exactly after the last applied event. The
 * notary signs tree heads here too: with an external projector, the API only reads them.
 */
export function startProjector(
  config: LedgerConfig,
  logger: ProjectorLogger,
  onFailure: (error: Error) => void,
  projections: readonly Projection[] = ledgerProjections(),
  /** The store, when the caller connected it already (PostgreSQL: `connectEventStore`). */
  opened: { store: EventStore; storeFile?: Database } = openEventStore(config),
  /** On PostgreSQL, the heads every instance shares (`sharedTreeHeadsOf`): signed into them. */
  sharedHeads?: SharedTreeHeads,
): Projector {
  const { store, storeFile } = opened;
  const sharesStoreFile = storeFile !== undefined && storeFile.name === config.readModelsFile;
  const readModels: Database = sharesStoreFile
    ? storeFile
    : openReadModelFile(config.readModelsFile);
  const runner = new ProjectionRunner(store, readModels, projections, {
    logger: { log: (message) => logger.info(message), error: logger.error },
    onError: onFailure,
  });
  // `start` sets the tables and checkpoints up before its first await: they exist on return.
  const caughtUp = runner.start();
  caughtUp.catch(() => undefined);
  logger.info(
    `projector: following the ${config.store} store into ${config.readModelsFile} from ${startingPoint(runner)}`,
  );
  const notary = new Notary(readModels, loadOrCreateKeyPair(config.notary.keyDir), {
    ...config.notary,
    shared: sharedHeads,
    logger: { error: logger.error },
  });
  notary.start();

  let stopping: Promise<void> | undefined;
  return {
    runner,
    notary,
    caughtUp,
    status: () => statusOf(runner, store),
    stop() {
      stopping ??= (async () => {
        notary.stop();
        await runner.stop();
        await store.close();
        readModels.close();
        if (storeFile && !sharesStoreFile) storeFile.close();
      })();
      return stopping;
    },
  };
}

async function statusOf(runner: ProjectionRunner, store: EventStore): Promise<ProjectorStatus> {
  const checkpoints = runner.checkpoints();
  const position = lowestPosition(checkpoints.map((c) => c.position));
  const head = await store.headPosition();
  const headPosition = head === null ? null : Number(head);
  return {
    status: runner.status,
    position,
    headPosition,
    caughtUp: headPosition === null || (position !== null && position >= headPosition),
    checkpoints,
  };
}

function startingPoint(runner: ProjectionRunner): string {
  const position = lowestPosition(runner.checkpoints().map((c) => c.position));
  return position === null ? 'the start' : `its checkpoint at position ${position}`;
}
