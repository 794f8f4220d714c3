import { Inject, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { loadOrCreateKeyPair } from '@blue-ledger/integrity';
import { Notary } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { LEDGER_CONFIG, type LedgerConfig, READ_MODELS } from '@blue-ledger/runtime';
import { IntegrityController } from './integrity.controller';
import { IntegrityQueryHandlers } from './integrity.queries';
import { IntegrityWatch } from './integrity-watch';
import { VerificationPasses } from './verification-passes';

/**
 * The notary's signed tree heads and proofs, and verification of the whole store. The key pair
 * is made in the data directory on first start. With an external projector the notary's tables
 * are that process's to write: this API then only reads them.
 */
@Module({
  controllers: [IntegrityController],
  providers: [
    ...IntegrityQueryHandlers,
    {
      provide: Notary,
      useFactory: (db: Database, config: LedgerConfig) =>
        new Notary(db, loadOrCreateKeyPair(config.dataDir), {
          ...config.notary,
          readOnly: config.projections === 'external',
          logger: new Logger('Notary'),
        }),
      inject: [READ_MODELS, LEDGER_CONFIG],
    },
    VerificationPasses,
    IntegrityWatch,
  ],
  exports: [Notary, IntegrityWatch],
})
export class IntegrityModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(Notary) private readonly notary: Notary) {}

  onModuleInit(): void {
    this.notary.start();
  }

  onModuleDestroy(): void {
    this.notary.stop();
  }
}
