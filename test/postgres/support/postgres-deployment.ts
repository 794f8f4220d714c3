import { PostgresEventStore } from '@blue-ledger/event-store';
import {
  loadOrCreateKeyPair,
  NOTARY_PRIVATE_KEY_FILE,
  NOTARY_PUBLIC_KEY_FILE,
} from '@blue-ledger/integrity';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startLedgerProcess, type LedgerProcess } from '../../support/ledger-process';

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty UTF-8 database on the server of `serverUrl`: its name and URL. */
export async function createDatabase(
  serverUrl: string,
): Promise<{ database: string; url: string }> {
  const database = `bl_e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await onServer(serverUrl, `CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
  return { database, url: withDatabase(serverUrl, database) };
}

export const dropDatabase = (serverUrl: string, database: string): Promise<void> =>
  onServer(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);

/**
 * API processes (`node dist/apps/api/src/main.js`) with `LEDGER_STORE=postgres` on a database
 * of this test's own (made on the server of `serverUrl`, dropped at the end), each with a data
 * directory of its own (its local read models), one shared LEDGER_KEK and the same notary
 * key files copied into each data directory, as a deployment of several instances must have. `store` is the test's own connection to the same database.
 */
export class PostgresDeployment {
  readonly apis: LedgerProcess[] = [];
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-pg-'));
  readonly kek = randomBytes(32).toString('base64');
  /** The notary's key files every instance is given (`notary-ed25519.key` and `.pub`). */
  readonly notaryKeys = path.join(this.root, 'notary-keys');
  store!: PostgresEventStore;

  private constructor(
    private readonly serverUrl: string,
    readonly database: string,
    readonly url: string,
  ) {}

  static async create(serverUrl: string): Promise<PostgresDeployment> {
    const { database, url } = await createDatabase(serverUrl);
    const deployment = new PostgresDeployment(serverUrl, database, url);
    deployment.store = await PostgresEventStore.open(deployment.url);
    return deployment;
  }

  get env(): Record<string, string> {
    return { LEDGER_STORE: 'postgres', DATABASE_URL: this.url, LEDGER_KEK: this.kek };
  }

  private started = 0;

  /**
   * Another instance, with a data directory of its own (several may start at once), holding
   * the deployment's notary key files unless `ownNotaryKey` (it then makes a key of its own).
   */
  async startApi({ ownNotaryKey = false } = {}): Promise<LedgerProcess> {
    const dataDir = path.join(this.root, `api-${++this.started}`);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!ownNotaryKey) {
      loadOrCreateKeyPair(this.notaryKeys);
      for (const file of [NOTARY_PRIVATE_KEY_FILE, NOTARY_PUBLIC_KEY_FILE]) {
        fs.copyFileSync(path.join(this.notaryKeys, file), path.join(dataDir, file));
        fs.chmodSync(path.join(dataDir, file), 0o600);
      }
    }
    const api = await startLedgerProcess(dataDir, {
      ...this.env,
      LEDGER_VERIFY_EVERY_SECONDS: '0',
    });
    this.apis.push(api);
    return api;
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.apis.map((api) => api.kill()));
    await this.store?.close();
    await dropDatabase(this.serverUrl, this.database);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Waits until the instance's own read models have applied everything up to `position`. */
export async function readModelsAt(api: LedgerProcess, position: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = await api.client.get('/health');
    if ((health.body.readModels?.position ?? -1) >= position) return;
    if (Date.now() > deadline) {
      throw new Error(`read models still behind ${position}: ${JSON.stringify(health.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
