import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig, widerThanPrivate } from '@blue-ledger/runtime';

/**
 * At start, a warning for the data directory and each file in it that others than its owner
 * may read: the ledger makes them owner-only, but a directory made before, or copied, may not be.
 */
@Injectable()
export class DataDirPermissions implements OnApplicationBootstrap {
  private readonly logger = new Logger('DataDir');

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  onApplicationBootstrap(): void {
    for (const wide of widerThanPrivate(this.config.dataDir)) {
      this.logger.warn(
        `${wide.path} has mode ${wide.mode}: others than its owner may read it; chmod ${wide.path === this.config.dataDir ? '700' : '600'} it`,
      );
    }
  }
}
