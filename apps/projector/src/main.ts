import { pino } from 'pino';
import { loadOrCreateKeyPair } from '@blue-ledger/integrity';
import { ledgerProjections } from '@blue-ledger/projections';
import {
  ConfigurationError,
  connectEventStore,
  loadConfig,
  lowestPosition,
  sharedTreeHeadsOf,
} from '@blue-ledger/runtime';
import { serveHealth } from './projector-health';
import { startProjector } from './projector';

/**
 * The projector: the API's read models as their own process (`LEDGER_PROJECTIONS=external` on
 * the API). Same configuration as the API; `PROJECTOR_PORT` serves `GET /health`. SIGTERM or
 * SIGINT stops it cleanly; a projection that fails stops it with exit code 1.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ name: 'projector', level: config.logLevel });
  const closeFirst: Array<() => Promise<void>> = [];
  let exiting = false;

  const shutDown = async (exitCode: number, why: string) => {
    if (exiting) return;
    exiting = true;
    logger.info(`projector: stopping (${why})`);
    for (const close of closeFirst) await close();
    await projector.stop();
    const position = lowestPosition(projector.runner.checkpoints().map((c) => c.position));
    logger.info(`projector: stopped, read models at position ${position ?? 'none'}`);
    process.exit(exitCode);
  };

  const opened = await connectEventStore(config);
  const projector = startProjector(
    config,
    {
      info: (message) => logger.info(message),
      error: (message, error) => logger.error({ err: error }, message),
    },
    (error) => void shutDown(1, `a projection failed: ${error.message}`),
    ledgerProjections(),
    opened,
    await sharedTreeHeadsOf(opened.store, loadOrCreateKeyPair(config.notary.keyDir).publicKey),
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(0, signal));
  }
  const health = await serveHealth(config.host, config.projectorPort, () => projector.status());
  closeFirst.push(() => health.close());
  logger.info(`projector: health at ${health.url}`);
  // A parent that started it with an IPC channel (the tests) learns the port so (PROJECTOR_PORT=0).
  process.send?.({ listening: Number(new URL(health.url).port) });

  await projector.caughtUp.then(
    async () => {
      const { position } = await projector.status();
      logger.info(`projector: caught up at position ${position ?? 'none'}, following live events`);
    },
    () => undefined,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
