import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import {
  signedTreeHeadToJson,
  type LedgerVerificationReport,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import { Notary } from '@blue-ledger/projections';
import { verifyStore } from './store-verification';

/** A pass's report, and when it ended. */
export interface VerificationPass {
  report: LedgerVerificationReport;
  verifiedAt: string;
}

/**
 * Full verification passes over the store (`verifyStore`), single-flight: one pass at a time in
 * this process, and a call made while a pass with the same trusted heads is running, or waiting
 * its turn, shares that pass and its report instead of starting another. A call with other
 * trusted heads gets a pass of its own, after the one running. Whoever asks (`POST
 * /integrity/verification`, the integrity page, the background watch) reads the store once
 * however many ask at the same moment.
 */
@Injectable()
export class VerificationPasses {
  private readonly sharing = new Map<string, Promise<VerificationPass>>();
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Notary) private readonly notary: Notary,
  ) {}

  run(trustedHeads: readonly SignedTreeHead[] = []): Promise<VerificationPass> {
    const key = JSON.stringify(trustedHeads.map(signedTreeHeadToJson));
    const shared = this.sharing.get(key);
    if (shared) return shared;
    const pass = this.last
      .catch(() => undefined)
      .then(async () => {
        // Heads another instance signed into the shared store (PostgreSQL) are verified too.
        await this.notary.syncHeads();
        return verifyStore(this.store, this.notary, trustedHeads);
      })
      .then((report) => ({ report, verifiedAt: new Date().toISOString() }));
    this.last = pass;
    this.sharing.set(key, pass);
    const done = () => {
      if (this.sharing.get(key) === pass) this.sharing.delete(key);
    };
    pass.then(done, done);
    return pass;
  }
}
