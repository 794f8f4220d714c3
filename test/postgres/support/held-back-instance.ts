import {
  startProjectorProcess,
  type ProjectorProcess,
} from '../../eventstoredb/support/projector-process';
import type { LedgerProcess } from '../../support/ledger-process';
import type { PostgresDeployment } from './postgres-deployment';

/**
 * An API instance whose read models can be held back, honestly: `LEDGER_PROJECTIONS=external`,
 * reading the read-model file of a projector process of its own on the same data directory.
 * `pause` stops that projector (SIGSTOP: a machine paused, a process descheduled), so the
 * instance's read models stay where they are while the others move on; `resume` lets it go on.
 */
export interface HeldBackInstance {
  api: LedgerProcess;
  projector: ProjectorProcess;
  pause(): void;
  resume(): void;
}

export async function startHeldBackInstance(
  deployment: PostgresDeployment,
  env: Record<string, string> = {},
): Promise<HeldBackInstance> {
  const dataDir = deployment.newInstanceDir();
  const projector = await startProjectorProcess(dataDir, {
    ...deployment.env,
    LEDGER_VERIFY_EVERY_SECONDS: '0',
    LOG_LEVEL: 'warn',
  });
  // The API refuses to start without the projector's file: it is there once caught up.
  await projector.waitUntilCaughtUp(60_000);
  const api = await deployment.startApiOn(dataDir, { LEDGER_PROJECTIONS: 'external', ...env });
  return {
    api,
    projector,
    pause: () => projector.child.kill('SIGSTOP'),
    resume: () => projector.child.kill('SIGCONT'),
  };
}
