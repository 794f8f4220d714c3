import { Injectable } from '@nestjs/common';
import { countryViewOf, HIDDEN, scrubForCountry } from '@blue-ledger/access';
import type { VisibleOnly } from '@blue-ledger/projections';
import type { ActingPrincipal } from '../auth/principal';
import { AccessScopeService } from './access-scope.service';

/**
 * What a contributing country's liaison may see, for the queries to compute lists, pages,
 * totals and statistics from its country's records only (the access view then scrubs what is
 * left of other countries inside them). Undefined for every other role: they read it all.
 */
@Injectable()
export class LiaisonVisibility {
  constructor(private readonly scopes: AccessScopeService) {}

  async of(principal: ActingPrincipal | undefined): Promise<VisibleOnly | undefined> {
    if (principal?.actingRole !== 'tcc_liaison') return undefined;
    const view = countryViewOf(await this.scopes.current(), principal.country ?? '');
    return {
      ids: view.visible,
      shows: (item: unknown) => scrubForCountry(item, view) !== HIDDEN,
    };
  }
}
