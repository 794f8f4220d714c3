import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { startApiProcess } from '../../bench/measure/api-process';
import { LedgerClient } from './http-client';
import { principalsEnv } from './principals';

export { freePort } from '../../bench/measure/api-process';

const ROOT = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

export interface LedgerProcess {
  child: ChildProcess;
  client: LedgerClient;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no flush; what was acknowledged must survive it. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The built ledger (`npm run build`) as a real OS process, as `npm start` runs it. */
export async function startLedgerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<LedgerProcess> {
  const ledger = await startApiProcess({
    main: API_MAIN,
    env: { LEDGER_DATA_DIR: dataDir, LEDGER_PRINCIPALS: principalsEnv(), ...env },
    isReady: async (response) => response.status === 200,
    timeoutMs: 30_000,
    pollMs: 100,
  });
  return {
    child: ledger.child,
    client: new LedgerClient(ledger.url),
    output: ledger.output,
    kill: () => ledger.signal('SIGKILL'),
    stop: () => ledger.signal('SIGTERM'),
  };
}
