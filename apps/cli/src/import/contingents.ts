import { streamIds, type ContingentCommand } from '@blue-ledger/domain';
import type { ImportLedger } from './import-ledger';
import { importerAs } from './importer-principal';

type Registration = Extract<ContingentCommand, { type: 'RegisterContingent' }>['data'];

/**
 * Registers the contingent unless the ledger has it (another import, or the API, may have
 * registered it): a contingent registered before is left as it is.
 */
export async function registerContingentUnlessKnown(
  ledger: ImportLedger,
  data: Registration,
  naturalKey: string,
): Promise<void> {
  const id = data.contingentId;
  if (await ledger.streamExists(streamIds.contingent(id))) return;
  const registration: ContingentCommand = {
    type: 'RegisterContingent',
    data,
    meta: ledger.meta(importerAs('admin')),
  };
  await ledger.execute({ aggregate: 'contingent', id, command: registration }, naturalKey);
}
