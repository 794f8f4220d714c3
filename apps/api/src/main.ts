import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { createApp } from './create-app';
import { ConfigurationError, loadConfig } from '@blue-ledger/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  // The port listened on: PORT=0 asks the system for a free one.
  const { port } = app.getHttpServer().address() as AddressInfo;
  app.get(Logger).log(`Blue Ledger listening on http://${config.host}:${port} (docs at /docs)`);
  // A parent that started it with an IPC channel (the tests, the bench) learns the port so.
  process.send?.({ listening: port });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
