import { spawn, type ChildProcess } from 'node:child_process';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  signal(signal: NodeJS.Signals): Promise<void>;
}

export interface ApiProcessOptions {
  /** The built API's entry point (`dist/apps/api/src/main.js`). */
  main: string;
  /** Node's own flags before the entry point (e.g. the heap cap `npm start` uses). */
  nodeFlags?: string[];
  /** The ledger's configuration (data directory, principals, ...), over this process's env. */
  env: Record<string, string>;
  /** Whether an answer of `GET /health` means the ledger is ready. */
  isReady(health: Response): Promise<boolean>;
  timeoutMs: number;
  pollMs: number;
}

/**
 * The built ledger as its own OS process, as `npm start` runs it, on a port of 127.0.0.1 the
 * system picks as it listens (PORT=0; the child tells it over its IPC channel), logging
 * warnings; answered once its `/health` says it is ready. The bench and the end-to-end tests both
 * start it so. (A port chosen beforehand and bound later, at the end of the ledger's start,
 * could meanwhile be taken by another process, or answered for by another ledger.)
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.main], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + options.timeoutMs;
  const port = await listeningPort(child, 'the ledger', () => output, options.timeoutMs);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the ledger exited with ${child.exitCode}:\n${output}`);
    }
    try {
      if (await options.isReady(await fetch(`${url}/health`))) break;
    } catch {
      // not answering yet
    }
    if (Date.now() >= deadline) throw new Error(`the ledger did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  return {
    child,
    url,
    output: () => output,
    async signal(signal) {
      child.kill(signal);
      await exited;
    },
  };
}

/**
 * The port a child started with an IPC channel (and PORT=0, or its like) says it listens on;
 * then the channel is closed, so that it keeps neither process running. A child that exits
 * first, or says nothing in time, fails it (and is killed).
 */
export async function listeningPort(
  child: ChildProcess,
  name: string,
  output: () => string,
  timeoutMs: number,
): Promise<number> {
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not start listening:\n${output()}`));
    }, timeoutMs);
    child.on('message', (message: { listening?: unknown }) => {
      if (typeof message?.listening !== 'number') return;
      clearTimeout(timer);
      resolve(message.listening);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code ?? signal}:\n${output()}`));
    });
  }).catch((error: unknown) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  });
  child.disconnect();
  return port;
}
