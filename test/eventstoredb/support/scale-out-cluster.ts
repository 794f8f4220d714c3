import { EventStoreDbEventStore } from '@blue-ledger/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../../eventstoredb-double';
import { startLedgerProcess, type LedgerProcess } from '../../support/ledger-process';
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
  readonly apis: LedgerProcess[] = [];
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  readonly readModelsFile = path.join(this.root, 'projector', 'read-models.sqlite');

  get storeEnv(): Record<string, string> {
    return { LEDGER_STORE: 'eventstoredb', EVENTSTORE_URL: this.double.url };
  }

  async startStore(): Promise<void> {
    this.double = await startEventStoreDbDouble();
    this.store = new EventStoreDbEventStore(this.double.url);
  }

  async startProjector(): Promise<ProjectorProcess> {
    this.projector = await startProjectorProcess(path.join(this.root, 'projector'), this.storeEnv);
    return this.projector;
  }

  async startApi(): Promise<LedgerProcess> {
    const api = await startLedgerProcess(path.join(this.root, `api-${this.apis.length + 1}`), {
      ...this.storeEnv,
      LEDGER_PROJECTIONS: 'external',
      LEDGER_READ_MODELS_FILE: this.readModelsFile,
    });
    this.apis.push(api);
    return api;
  }

  async tearDown(): Promise<void> {
    await Promise.all([...this.apis.map((api) => api.kill()), this.projector?.kill()]);
    await this.store?.close();
    await this.double?.stop();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
