import { EventStoreDbEventStore } from '@blue-ledger/event-store';
import * as path from 'node:path';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../../eventstoredb-double';
import type { LedgerProcess } from '../../support/ledger-process';
import { LedgerProcesses } from '../../support/ledger-processes';
import { startProjectorProcess, type ProjectorProcess } from './projector-process';

/**
 * One EventStoreDB (the gRPC test double) with real processes on it: a projector writing its
 * read-model file, and API processes with `LEDGER_PROJECTIONS=external` reading that file,
 * each with a data directory of its own. `store` is the test's own connection to the double.
 */
export class ScaleOutCluster {
  double!: EventStoreDbDouble;
  store!: EventStoreDbEventStore;
  projector!: ProjectorProcess;
  private readonly instances = new LedgerProcesses();
  readonly readModelsFile = path.join(this.instances.root, 'projector', 'read-models.sqlite');

  get apis(): readonly LedgerProcess[] {
    return this.instances.running;
  }

  get storeEnv(): Record<string, string> {
    return { LEDGER_STORE: 'eventstoredb', EVENTSTORE_URL: this.double.url };
  }

  async startStore(): Promise<void> {
    this.double = await startEventStoreDbDouble();
    this.store = new EventStoreDbEventStore(this.double.url);
  }

  async startProjector(): Promise<ProjectorProcess> {
    this.projector = await startProjectorProcess(
      path.join(this.instances.root, 'projector'),
      this.storeEnv,
    );
    return this.projector;
  }

  startApi(): Promise<LedgerProcess> {
    return this.instances.startInstance({
      ...this.storeEnv,
      LEDGER_PROJECTIONS: 'external',
      LEDGER_READ_MODELS_FILE: this.readModelsFile,
    });
  }

  async tearDown(): Promise<void> {
    await this.projector?.kill();
    await this.instances.tearDown();
    await this.store?.close();
    await this.double?.stop();
  }
}
