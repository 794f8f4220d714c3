import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { listeningPort } from '../../../bench/measure/api-process';

const ROOT = path.resolve(__dirname, '../../..');
export const PROJECTOR_MAIN = path.join(ROOT, 'dist/apps/projector/src/main.js');

/** What the projector's `GET /health` answers. */
export interface ProjectorHealth {
  status: 'catching_up' | 'live' | 'stopped' | 'failed';
  position: number | null;
  headPosition: number | null;
  caughtUp: boolean;
}

export interface ProjectorProcess {
  child: ChildProcess;
  output: () => string;
  health(): Promise<{ status: number; body: ProjectorHealth }>;
  /** Waits until the read models have applied everything up to the store's head. */
  waitUntilCaughtUp(timeoutMs?: number): Promise<ProjectorHealth>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** The built projector (`npm run build`) as a real OS process, as `npm run projector` runs it. */
export async function startProjectorProcess(
  dataDir: string,
  env: Record<string, string>,
): Promise<ProjectorProcess> {
  let output = '';
  // PROJECTOR_PORT=0: the system picks the port as the projector listens, and the projector
  // tells it over its IPC channel (a port picked here and bound later could be taken meanwhile).
  const child = spawn(process.execPath, [PROJECTOR_MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PROJECTOR_PORT: '0',
      LEDGER_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await listeningPort(child, 'the projector', () => output, 30_000);

  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: response.status, body: (await response.json()) as ProjectorHealth };
  };
  const poll = async (done: (h: ProjectorHealth) => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`projector exited with ${child.exitCode}:\n${output}`);
      try {
        const answer = await health();
        last = answer;
        if (answer.status === 200 && done(answer.body)) return answer.body;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `projector: ${what} within ${timeoutMs} ms; last answer ${JSON.stringify(last)}\n${output}`,
    );
  };

  await poll(() => true, 'no health', 30_000);
  return {
    child,
    output: () => output,
    health,
    waitUntilCaughtUp: (timeoutMs = 20_000) =>
      poll((h) => h.status === 'live' && h.caughtUp, 'not caught up', timeoutMs),
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
