import * as fs from 'node:fs';
import * as path from 'node:path';
import { principalsEnv } from '../generate/bench-principals';
import { startApiProcess } from './api-process';

const API_MAIN = path.resolve(__dirname, '../../apps/api/src/main.js');
const PACKAGE_JSON = path.resolve(__dirname, '../../../package.json');

/**
 * The node flags `npm start` runs the ledger with (the V8 heap cap), read from package.json,
 * so that the bench measures the server as it ships.
 */
function startFlags(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...words] = scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start does not run node: ${scripts.start}`);
  return words.filter((word) => word.startsWith('--'));
}

export interface Server {
  url: string;
  pid: number;
  /** Peak resident set size of the server process so far (VmHWM), in MiB; null off Linux. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

/**
 * The built ledger (`npm run build`) as its own process, as `npm start` runs it (its node
 * flags included), on the bench's data directory, once it has verified the store at start. The
 * rate limit is raised: the load comes from one principal on purpose.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Server> {
  const server = await startApiProcess({
    main: API_MAIN,
    nodeFlags: startFlags(),
    env: {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_PRINCIPALS: principalsEnv(),
      LEDGER_RATE_LIMIT: '100000000',
      // The generated ledger's decisions were written around the command path, without the
      // consequences it records: the measured server leaves them as they are.
      LEDGER_RECORD_PENDING_CONSEQUENCES: 'false',
      ...env,
    },
    // Measure the steady state: after the background verification's first pass at start.
    isReady: async (response) =>
      response.status === 200 &&
      ((await response.json()) as Health).integrity?.status !== 'verifying',
    timeoutMs: 600_000,
    pollMs: 200,
  });
  const pid = server.child.pid as number;
  return {
    url: server.url,
    pid,
    peakRssMiB: () => peakRssOf(pid),
    stop: () => server.signal('SIGTERM'),
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

interface Health {
  headPosition?: number | null;
  readModels?: { caughtUp?: boolean };
  integrity?: { status: string; checkedThrough?: string | null };
}

/**
 * Waits until the server has drained what a load left behind: the read models caught up with
 * the head, and the background verification with the last event. Reads are measured after it.
 */
export async function settled(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${url}/health`)).json()) as Health;
    const head = health.headPosition ?? null;
    const verified = health.integrity?.checkedThrough ?? null;
    if (health.readModels?.caughtUp && (head === null || verified === String(head))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not settle after the load');
}
