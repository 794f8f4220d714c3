import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './create-app';
import { ConfigurationError, loadConfig } from '@blue-ledger/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  app
    .get(Logger)
    .log(`Blue Ledger listening on http://${config.host}:${config.port} (docs at /docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
