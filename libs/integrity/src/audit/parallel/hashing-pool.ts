import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HashedEvents } from './hashed-events';

/** The events of the store in `file` from position `from` through `through`, both inclusive. */
export interface HashingTask {
  file: string;
  from: bigint;
  through: bigint;
}

type Reply = { id: number; hashed: HashedEvents } | { id: number; error: string };

/** The compiled worker, or its TypeScript source run through ts-node under the tests. */
function workerScript(): { file: string; execArgv: string[] } {
  const typescript = __filename.endsWith('.ts');
  return {
    file: path.join(__dirname, `event-hashing.worker.${typescript ? 'ts' : 'js'}`),
    execArgv: typescript
      ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
      : [],
  };
}

/** Threads that hash ranges of events, each task given to the thread with the least to do. */
export class HashingPool {
  private readonly workers: Array<{ worker: Worker; busy: number }>;
  private readonly waiting = new Map<
    number,
    { resolve(hashed: HashedEvents): void; reject(error: Error): void }
  >();
  private nextId = 0;

  constructor(threads: number) {
    const { file, execArgv } = workerScript();
    this.workers = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = new Worker(file, {
        execArgv,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      });
      const entry = { worker, busy: 0 };
      worker.on('message', (reply: Reply) => {
        entry.busy -= 1;
        const pending = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if ('error' in reply) pending?.reject(new Error(`a hashing thread failed: ${reply.error}`));
        else pending?.resolve(reply.hashed);
      });
      worker.on('error', (error) => this.failAll(error));
      return entry;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  hash(task: HashingTask): Promise<HashedEvents> {
    const entry = this.workers.reduce((least, next) => (next.busy < least.busy ? next : least));
    const id = this.nextId++;
    entry.busy += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      entry.worker.postMessage({ id, ...task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}
