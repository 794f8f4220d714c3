import { startLedgerProcess, type LedgerProcess } from '../../support/ledger-process';

/** Every ledger process a test started, so that none outlives it, even when the test fails. */
export class LedgerProcesses {
  private readonly started: LedgerProcess[] = [];

  async start(dataDir: string, env: Record<string, string> = {}): Promise<LedgerProcess> {
    const ledger = await startLedgerProcess(dataDir, env);
    this.started.push(ledger);
    return ledger;
  }

  /** SIGKILLs the ones still running; a process that already exited is left as it is. */
  async killAll(): Promise<void> {
    const running = this.started.splice(0);
    await Promise.all(running.map((ledger) => ledger.kill()));
  }
}
