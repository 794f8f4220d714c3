import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { LedgerClient } from './http-client';
import { principalsEnv } from './principals';

const ROOT = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_PRINCIPALS: principalsEnv(),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = new LedgerClient(`http://127.0.0.1:${port}`);
  await waitForHealth(client, child, () => output);
  return {
    child,
    client,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForHealth(
  client: LedgerClient,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`ledger exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await client.get('/health');
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ledger did not become healthy:\n${output()}`);
}
