import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLedgerProcess, type LedgerProcess } from './ledger-process';

/**
 * Every ledger process a test started (`node dist/apps/api/src/main.js`, each waited for until
 * its `/health` answers), so that none outlives the test, even when it fails. An instance
 * started with `startInstance` has a data directory of its own under `root`, as each instance
 * of a deployment of several has (its local read models); `tearDown` removes them.
 */
export class LedgerProcesses {
  private readonly started: LedgerProcess[] = [];
  private instances = 0;
  private dataDirs = 0;
  private madeRoot: string | undefined;

  /** `env` is given to every process this starts (a shared store, a shared LEDGER_KEK...). */
  constructor(private readonly env: Record<string, string> = {}) {}

  /** The temporary folder the instances' data directories are made in (made when first asked for). */
  get root(): string {
    this.madeRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    return this.madeRoot;
  }

  /** The processes started and not killed by `killAll`, in the order they were started. */
  get running(): readonly LedgerProcess[] {
    return this.started;
  }

  /** A fresh data directory under `root`, for processes the test starts on it one after another. */
  newDataDir(): string {
    const dataDir = path.join(this.root, `ledger-${++this.dataDirs}`);
    fs.mkdirSync(dataDir, { mode: 0o700 });
    return dataDir;
  }

  /** A process on `dataDir` (one that may have run there before). */
  async start(dataDir: string, env: Record<string, string> = {}): Promise<LedgerProcess> {
    const ledger = await startLedgerProcess(dataDir, { ...this.env, ...env });
    this.started.push(ledger);
    return ledger;
  }

  /** Another instance, on a data directory of its own under `root` (several may start at once). */
  startInstance(env: Record<string, string> = {}): Promise<LedgerProcess> {
    return this.start(path.join(this.root, `api-${++this.instances}`), env);
  }

  /** SIGKILLs the ones still running; a process that already exited is left as it is. */
  async killAll(): Promise<void> {
    const running = this.started.splice(0);
    await Promise.all(running.map((ledger) => ledger.kill()));
  }

  /** Kills them all and removes `root` with the data directories made in it. */
  async tearDown(): Promise<void> {
    await this.killAll();
    if (this.madeRoot) fs.rmSync(this.madeRoot, { recursive: true, force: true });
    this.madeRoot = undefined;
  }
}
