import type { CommandPath } from '@blue-ledger/command-handling';
import { DomainError, incidentDecider, streamIds, type IncidentCommand } from '@blue-ledger/domain';
import { readCsvRecords } from '../csv-records';
import { ImportLedger } from '../import-ledger';
import type { ImportReport, SkippedRow } from '../import-report';
import { importerAs } from '../importer-principal';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { UNIT_KINDS } from '../ipi-contributions/contribution-row';
import { missionEntry } from '../mission-table';
import { registerMissingMissions } from '../missions';
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
  const { records, unreadable } = readCsvRecords(filePath, FATALITY_COLUMNS);
  const skipped: SkippedRow[] = [...unreadable];
  const maliciousActs: FatalityRow[] = [];
  let rowsIgnored = 0;
  for (const record of records) {
    const parsed = parseFatalityRow(record);
    if (!parsed.ok) {
      skipped.push({ line: record.line, reason: parsed.reason });
    } else if (parsed.row.incidentType !== MALICIOUS_ACT) {
      rowsIgnored += 1;
    } else if (missionEntry(parsed.row.missionAcronym) === undefined) {
      const mission = parsed.row.missionAcronym;
      skipped.push({
        line: record.line,
        reason: `mission_acronym "${mission}" is not in the mission table`,
      });
    } else {
      maliciousActs.push(parsed.row);
    }
  }

  const plans = planFatalityIncidents(maliciousActs);
  const ledger = new ImportLedger(path);
  await registerMissingMissions(
    ledger,
    plans.map((plan) => plan.missionCode),
  );
  progress.start(plans.length, UN_FATALITIES);
  let rowsUsed = 0;
  try {
    for (const plan of plans) {
      try {
        await importIncident(ledger, plan);
        rowsUsed += plan.lines.length;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        for (const line of plan.lines)
          skipped.push({ line, reason: `${plan.key}: ${error.message}` });
      }
      progress.increment();
    }
  } finally {
    progress.stop();
  }
  return {
    source: UN_FATALITIES,
    rowsRead: records.length + unreadable.length,
    rowsUsed,
    rowsIgnored,
    skipped: skipped.sort((a, b) => a.line - b.line),
    commands: ledger.commands,
    eventsAppended: ledger.eventsAppended,
  };
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
