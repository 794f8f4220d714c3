import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface RunningChild {
  process: ChildProcess;
  /** Complete stdout lines so far. */
  lines: string[];
  /** Resolves once some line satisfies the predicate, rejects on exit or after `timeoutMs`. */
  waitForLines(predicate: (lines: string[]) => boolean, timeoutMs: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Runs a TypeScript child script (an absolute path) with ts-node (transpile only: no type
 * check). `env` is added to this process's environment.
 */
export function startChild(
  scriptPath: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): RunningChild {
  const script = path.basename(scriptPath);
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', scriptPath, ...args],
    {
      env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    waiters.forEach((check) => check());
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));

  const waitForLines = (predicate: (lines: string[]) => boolean, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (predicate(lines)) finish();
      };
      const timer = setTimeout(
        () => finish(new Error(`${script}: waited ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      waiters.add(check);
      void exited.then(({ code, signal }) => {
        if (waiters.has(check)) {
          finish(new Error(`${script} exited (${code ?? signal}) early; stderr: ${stderr}`));
        }
      });
      check();
    });

  return { process: child, lines, waitForLines, exited };
}
