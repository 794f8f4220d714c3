import { PostgresEventStore } from '@blue-ledger/event-store';
import {
  loadOrCreateKeyPair,
  NOTARY_PRIVATE_KEY_FILE,
  NOTARY_PUBLIC_KEY_FILE,
} from '@blue-ledger/integrity';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LedgerProcess } from '../../support/ledger-process';
import { LedgerProcesses } from '../../support/ledger-processes';

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
  readonly kek = randomBytes(32).toString('base64');
  /** The notary's key files every instance is given (`notary-ed25519.key` and `.pub`). */
  get notaryKeys(): string {
    return path.join(this.instances.root, 'notary-keys');
  }
  store!: PostgresEventStore;
  private readonly instances: LedgerProcesses;

  private constructor(
    private readonly serverUrl: string,
    readonly database: string,
    readonly url: string,
  ) {
    this.instances = new LedgerProcesses({ ...this.env, LEDGER_VERIFY_EVERY_SECONDS: '0' });
  }

  static async create(serverUrl: string): Promise<PostgresDeployment> {
    const { database, url } = await createDatabase(serverUrl);
    const deployment = new PostgresDeployment(serverUrl, database, url);
    deployment.store = await PostgresEventStore.open(deployment.url);
    return deployment;
  }

  get env(): Record<string, string> {
    return { LEDGER_STORE: 'postgres', DATABASE_URL: this.url, LEDGER_KEK: this.kek };
  }

  get apis(): readonly LedgerProcess[] {
    return this.instances.running;
  }

  /**
   * Another instance, with a data directory of its own (several may start at once), holding
   * the deployment's notary key files unless `ownNotaryKey` (it then makes a key of its own).
   */
  async startApi({
    ownNotaryKey = false,
    env = {},
  }: { ownNotaryKey?: boolean; env?: Record<string, string> } = {}): Promise<LedgerProcess> {
    const dataDir = ownNotaryKey ? this.instances.newDataDir() : this.newInstanceDir();
    return this.instances.start(dataDir, env);
  }

  /** A data directory of its own holding the deployment's notary key files (for an API or a projector). */
  newInstanceDir(): string {
    const dataDir = this.instances.newDataDir();
    loadOrCreateKeyPair(this.notaryKeys);
    for (const file of [NOTARY_PRIVATE_KEY_FILE, NOTARY_PUBLIC_KEY_FILE]) {
      fs.copyFileSync(path.join(this.notaryKeys, file), path.join(dataDir, file));
      fs.chmodSync(path.join(dataDir, file), 0o600);
    }
    return dataDir;
  }

  /** An API process on `dataDir` (made with `newInstanceDir`, perhaps shared with a projector). */
  startApiOn(dataDir: string, env: Record<string, string> = {}): Promise<LedgerProcess> {
    return this.instances.start(dataDir, env);
  }

  async tearDown(): Promise<void> {
    await this.instances.tearDown();
    await this.store?.close();
    await dropDatabase(this.serverUrl, this.database);
  }
}
