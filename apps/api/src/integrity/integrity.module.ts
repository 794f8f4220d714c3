import { Inject, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { loadOrCreateKeyPair } from '@blue-ledger/integrity';
import { Notary } from '@blue-ledger/projections';
import { LEDGER_STORAGE, PostgresTreeHeads, type LedgerStorage } from '@blue-ledger/runtime';
import { IntegrityController } from './integrity.controller';
import { IntegrityQueryHandlers } from './integrity.queries';
import { IntegrityWatch } from './integrity-watch';
import { VerificationPasses } from './verification-passes';
import {
  PostgresVerificationTurns,
  VERIFICATION_TURNS,
  type VerificationTurnEvents,
} from './verification-turns';
import { takeoverMessage } from '../infrastructure/advisory-lease';

/**
 * The notary's signed tree heads and proofs, and verification of the whole store. The key pair
 * is made in the data directory on first start. With an external projector the notary's tables
 * are that process's to write: this API then only reads them. On PostgreSQL the heads are one
 * sequence in the shared database, signed by whichever instance is due first (each instance
 * keeps a copy in its read-model file, as far as its own leaves reach).
 */
@Module({
  controllers: [IntegrityController],
  providers: [
    ...IntegrityQueryHandlers,
    {
      provide: Notary,
      useFactory: async ({ config, readModels, database }: LedgerStorage) => {
        const keys = loadOrCreateKeyPair(config.notary.keyDir);
        const readOnly = config.projections === 'external';
        // On PostgreSQL every instance signs into one sequence of heads kept in the database.
        const shared =
          database && !readOnly
            ? await PostgresTreeHeads.open(database, keys.publicKey)
            : undefined;
        return new Notary(readModels, keys, {
          ...config.notary,
          readOnly,
          shared,
          logger: new Logger('Notary'),
        });
      },
      inject: [LEDGER_STORAGE],
    },
    VerificationPasses,
    {
      // On PostgreSQL the periodic full pass runs on one instance at a time, under a lease.
      provide: VERIFICATION_TURNS,
      useFactory: async ({ database, config }: LedgerStorage) =>
        database
          ? await PostgresVerificationTurns.open(database, config.instanceId, 'public', {
              lease: { seconds: config.leaseSeconds },
              events: verificationTurnLog(config.instanceId),
            })
          : null,
      inject: [LEDGER_STORAGE],
    },
    IntegrityWatch,
  ],
  exports: [Notary, IntegrityWatch],
})
export class IntegrityModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(Notary) private readonly notary: Notary) {}

  async onModuleInit(): Promise<void> {
    await this.notary.syncHeads();
    this.notary.start();
  }

  onModuleDestroy(): void {
    this.notary.stop();
  }
}

/** The takeovers of the verification turn, in the log: who took it, from whom, how stale. */
function verificationTurnLog(instance: string): VerificationTurnEvents {
  const logger = new Logger('VerificationTurn');
  return {
    tookOver: (takeover) => logger.warn(takeoverMessage(instance, 'verification', takeover)),
    takeoverFailed: (message) =>
      logger.error(
        `${instance} could not end the stale holder of the verification turn (it skips its turn): ${message}`,
      ),
  };
}
