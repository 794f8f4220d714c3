import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@blue-ledger/runtime';
import { createApp } from '../../apps/api/src/create-app';
import { LedgerClient } from './http-client';
import { principalsEnv } from './principals';

export interface RunningApp {
  app: INestApplication;
  client: LedgerClient;
  dataDir: string;
  close(): Promise<void>;
}

/** The whole application, started in this process and served over real HTTP on a free port. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = env.LEDGER_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-e2e-'));
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PRINCIPALS: principalsEnv(),
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    dataDir,
    client: new LedgerClient(url.replace('[::1]', '127.0.0.1')),
    async close() {
      await app.close();
      if (!env.LEDGER_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
