import type { CommandPath } from '@blue-ledger/command-handling';
import { incidentDecider, streamIds, type IncidentCommand } from '@blue-ledger/domain';
import type { ImportLedger } from '../import-ledger';
import type { ImportReport } from '../import-report';
import { readSourceRows, runImport } from '../import-run';
import { importerAs } from '../importer-principal';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { UNIT_KINDS } from '../ipi-contributions/contribution-row';
import { missionEntry } from '../mission-table';
import { silentProgress, type Progress } from '../progress';
import { planFatalityIncidents, type FatalityIncidentPlan } from './fatality-incident-plan';
import {
  FATALITY_COLUMNS,
  MALICIOUS_ACT,
  parseFatalityRow,
  type FatalityRow,
} from './fatality-row';

export const UN_FATALITIES = 'un-fatalities';

/**
 * Loads the UN's peacekeeping fatalities file (DPPA/DPO open data): the deaths from malicious
 * acts become incidents (one per mission and day) linked to the contingents of the dead
 * peacekeepers' countries in that mission. Other deaths (illness, accidents...) are read and
 * checked but are not incidents of this ledger.
 */
export async function importUnFatalities(
  path: CommandPath,
  filePath: string,
  progress: Progress = silentProgress,
): Promise<ImportReport> {
  const read = readSourceRows(filePath, FATALITY_COLUMNS, parseFatalityRow);
  const skipped = [...read.skipped];
  const maliciousActs: FatalityRow[] = [];
  let rowsIgnored = 0;
  for (const row of read.rows) {
    if (row.incidentType !== MALICIOUS_ACT) {
      rowsIgnored += 1;
    } else if (missionEntry(row.missionAcronym) === undefined) {
      const reason = `mission_acronym "${row.missionAcronym}" is not in the mission table`;
      skipped.push({ line: row.line, reason });
    } else {
      maliciousActs.push(row);
    }
  }
  return runImport(
    path,
    progress,
    {
      source: UN_FATALITIES,
      plans: planFatalityIncidents(maliciousActs),
      importPlan: importIncident,
      refusedAt: (plan) => plan.lines,
    },
    {
      rowsRead: read.rowsRead,
      rowsUsed: (imported) => imported.reduce((sum, plan) => sum + plan.lines.length, 0),
      rowsIgnored,
      skipped,
    },
  );
}

/**
 * Reports the incident once; links the contingents of the dead peacekeepers' countries that
 * the ledger knows, now or, for contingents imported later, on a later run.
 */
async function importIncident(ledger: ImportLedger, plan: FatalityIncidentPlan): Promise<void> {
  const streamId = streamIds.incident(plan.incidentId);
  const investigator = importerAs('investigator');
  const involved = await knownContingents(ledger, plan);
  const { state } = await ledger.load(streamId, incidentDecider);
  if (state.status === 'unreported') {
    const report: IncidentCommand = {
      type: 'ReportIncident',
      data: {
        incidentId: plan.incidentId,
        missionCode: plan.missionCode,
        occurredAt: plan.occurredAt,
        location: { name: locationOf(plan.missionCode) },
        category: 'peacekeeper_fatality',
        summary: plan.summary,
        casualties: { peacekeepersKilled: plan.peacekeepersKilled },
        contingentIds: involved,
      },
      meta: ledger.meta(investigator),
    };
    await ledger.execute(
      { aggregate: 'incident', id: plan.incidentId, command: report },
      `un-fatalities:${plan.key}`,
    );
    return;
  }
  const unlinked = involved.filter((id) => !state.contingentIds.includes(id));
  if (unlinked.length === 0 || state.status !== 'open') return;
  const naturalKey = `un-fatalities:${plan.key}:units:${unlinked.join(',')}`;
  const link: IncidentCommand = {
    type: 'LinkIncidentUnits',
    data: { contingentIds: unlinked },
    meta: ledger.meta(investigator),
  };
  await ledger.execute({ aggregate: 'incident', id: plan.incidentId, command: link }, naturalKey);
}

async function knownContingents(
  ledger: ImportLedger,
  plan: FatalityIncidentPlan,
): Promise<string[]> {
  const known: string[] = [];
  for (const country of plan.contingentCountries) {
    for (const { unitType } of UNIT_KINDS) {
      const contingentId = contingentIdOf(country, plan.missionCode, unitType);
      if (await ledger.streamExists(streamIds.contingent(contingentId))) known.push(contingentId);
    }
  }
  return known;
}

function locationOf(missionCode: string): string {
  const entry = missionEntry(missionCode);
  return `${missionCode} area of operations${entry ? ` (${entry.hostCountry})` : ''}`;
}
