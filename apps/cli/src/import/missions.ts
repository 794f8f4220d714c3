import { streamIds } from '@blue-ledger/domain';
import type { ImportLedger } from './import-ledger';
import { importerAs } from './importer-principal';
import { missionEntry } from './mission-table';

/**
 * Registers, from the mission table, each mission that is not in the ledger yet. A mission
 * registered before (by an import, or by hand through the API) is left as it is.
 */
export async function registerMissingMissions(
  ledger: ImportLedger,
  codes: Iterable<string>,
): Promise<void> {
  for (const code of new Set(codes)) {
    const streamId = streamIds.mission(code);
    if (await ledger.streamExists(streamId)) continue;
    const entry = missionEntry(code);
    if (entry === undefined) throw new Error(`mission ${code} is not in the mission table`);
    await ledger.execute(
      {
        aggregate: 'mission',
        id: code,
        command: {
          type: 'RegisterMission',
          data: { code, name: entry.name, hostCountry: entry.hostCountry },
          meta: ledger.meta(importerAs('admin')),
        },
      },
      `mission:${code}`,
    );
  }
}
