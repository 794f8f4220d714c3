import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { principalsEnv } from '../generate/bench-principals';

const API_MAIN = path.resolve(__dirname, '../../apps/api/src/main.js');

export interface Server {
  url: string;
  pid: number;
  /** Peak resident set size of the server process so far (VmHWM), in MiB; null off Linux. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

/**
 * The built ledger (`npm run build`) as its own process, as `npm start` runs it, on the bench's
 * data directory. The rate limit is raised: the load comes from one principal on purpose.
 */
export async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_PRINCIPALS: principalsEnv(),
      LEDGER_RATE_LIMIT: '100000000',
      // The generated ledger's decisions were written around the command path, without the
      // consequences it records: the measured server leaves them as they are.
      LEDGER_RECORD_PENDING_CONSEQUENCES: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    pid: child.pid as number,
    peakRssMiB: () => peakRssOf(child.pid as number),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function peakRssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the ledger exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the ledger did not become healthy:\n${output()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
