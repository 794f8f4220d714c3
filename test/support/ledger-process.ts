import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { startApiProcess } from '../../bench/measure/api-process';
import { LedgerClient } from './http-client';
import { principalsEnv } from './principals';

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

/**
 * What a process has written once `expected` shows in it, or after `timeoutMs` (then without
 * it, for the assertion to show). A ledger process says it listens over its IPC channel, and its
 * stdout reaches this process on another channel: what it logged before it listened may still
 * be on its way when its start resolves.
 */
export async function outputOnceItShows(
  process: { output(): string },
  expected: RegExp | string,
  timeoutMs = 10_000,
): Promise<string> {
  const shows = () =>
    typeof expected === 'string'
      ? process.output().includes(expected)
      : expected.test(process.output());
  const deadline = Date.now() + timeoutMs;
  while (!shows() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.output();
}
