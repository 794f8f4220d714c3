import { MemorySubjectKeys } from '../../../access/src/testing/memory-subject-keys';
import { AccessScopeFollower } from '../access-scope-follower';
import type { Attribution, CommandMeta } from '@blue-ledger/domain';
import { SqliteEventStore } from '@blue-ledger/event-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../command-context';
import { CommandPath } from '../command-path';
import { IdSource } from '../id-source';
import type { LedgerCommand } from '../ledger-command';

const FC = '0190bbbb-0000-7000-8000-000000000001';
const SRSG = '0190bbbb-0000-7000-8000-000000000002';
const INCIDENT = '0190bbbb-0000-7000-8000-000000000003';
const INVESTIGATION = '0190bbbb-0000-7000-8000-000000000004';
const FINDING = '0190bbbb-0000-7000-8000-000000000005';

const admin = { id: 'admin-1', role: 'admin' };
const investigator = { id: 'investigator-1', role: 'investigator' };
const authority = { id: 'usg-dpo', role: 'decision_authority' };
const context = (actor: { id: string; role: string }): CommandContext => ({
  actor,
  now: new Date().toISOString(),
  correlationId: 'c',
  causationId: 'c',
  ids: IdSource.random(),
});
const meta = (actor: { id: string; role: string }): CommandMeta => ({
  now: new Date().toISOString(),
  actor,
});

/** The checks across aggregates that a leader's appointment brings, over a real SQLite store. */
describe('Checks across aggregates for mission leaders', () => {
  let directory: string;
  let store: SqliteEventStore;
  let keys: MemorySubjectKeys;
  let commandPath: CommandPath;
  const run = (target: LedgerCommand, actor: { id: string; role: string }) =>
    commandPath.execute(target, context(actor));
  const appoint = (appointmentId: string, role: 'force_commander' | 'srsg') =>
    run(
      {
        aggregate: 'mission',
        id: 'UNMISS',
        command: {
          type: 'AppointLeader',
          data: {
            appointmentId,
            role,
            subjectId: `subject-${role}`,
            nationality: 'KEN',
            appointedAt: '2016-05-26T00:00:00Z',
          },
          meta: meta(admin),
        },
      },
      admin,
    );
  const inInvestigation = (command: LedgerCommand['command']): LedgerCommand =>
    ({ aggregate: 'investigation', id: INVESTIGATION, command }) as LedgerCommand;
  const finding = (findingId: string, attributions: Attribution[]) =>
    inInvestigation({
      type: 'RecordFinding',
      data: {
        findingId,
        statement: 'A lack of leadership',
        category: 'leadership',
        severity: 'high',
        attributions,
      },
      meta: meta(investigator),
    });
  const recommendation = (data: Record<string, unknown>) =>
    inInvestigation({
      type: 'IssueRecommendation',
      data: {
        recommendationId: 'r-1',
        findingIds: [FINDING],
        rationale: 'Command responsibility',
        ...data,
      },
      meta: meta(investigator),
    } as LedgerCommand['command']);

  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    const file = path.join(directory, 'ledger.sqlite');
    store = SqliteEventStore.open(file);
    keys = new MemorySubjectKeys();
    const missions: Record<string, string> = { [FC]: 'UNMISS', [SRSG]: 'UNMISS' };
    commandPath = new CommandPath({
      store,
      subjectKeys: keys,
      coverage: new AccessScopeFollower(store),
      recommendations: { investigationOf: async () => INVESTIGATION },
      appointments: { missionOf: async (id) => missions[id] },
    });
    await run(
      {
        aggregate: 'mission',
        id: 'UNMISS',
        command: {
          type: 'RegisterMission',
          data: { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' },
          meta: meta(admin),
        },
      },
      admin,
    );
    await appoint(FC, 'force_commander');
    await appoint(SRSG, 'srsg');
    await run(
      {
        aggregate: 'incident',
        id: INCIDENT,
        command: {
          type: 'ReportIncident',
          data: {
            incidentId: INCIDENT,
            missionCode: 'UNMISS',
            occurredAt: '2016-07-10T12:00:00+03:00',
            location: { name: 'Juba' },
            category: 'failure_to_protect',
            summary: 'Fighting in Juba',
          },
          meta: meta(investigator),
        },
      },
      investigator,
    );
    await run(
      inInvestigation({
        type: 'OpenInvestigation',
        data: {
          investigationId: INVESTIGATION,
          incidentIds: [INCIDENT],
          kind: 'independent_special_investigation',
          title: 'ISI',
        },
        meta: meta(investigator),
      }),
      investigator,
    );
    await run(
      finding(FINDING, [{ level: 'role', role: 'force_commander', appointmentId: FC }]),
      investigator,
    );
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const refusal = (target: LedgerCommand, actor: { id: string; role: string }) =>
    run(target, actor).then(
      () => undefined,
      (error: unknown) => error,
    );

  it('refuses a finding naming an appointment the ledger does not hold', async () => {
    expect(
      await refusal(
        finding('f-2', [
          {
            level: 'role',
            role: 'force_commander',
            appointmentId: '0190bbbb-0000-7000-8000-0000000000ff',
          },
        ]),
        investigator,
      ),
    ).toMatchObject({ code: 'unknown_appointment', field: 'attributions[0].appointmentId' });
  });

  it('refuses a finding naming an appointment under another role', async () => {
    expect(
      await refusal(
        finding('f-2', [{ level: 'role', role: 'srsg', appointmentId: FC }]),
        investigator,
      ),
    ).toMatchObject({ code: 'appointment_role_mismatch', field: 'attributions[0].role' });
  });

  it('refuses to recommend repatriating a leader who commands no troops or police', async () => {
    expect(
      await refusal(
        recommendation({ action: 'repatriate_commander', appointmentId: SRSG }),
        investigator,
      ),
    ).toMatchObject({ code: 'appointment_not_a_commander', field: 'appointmentId' });
  });

  it('recommends repatriating the force commander, who commands the troops', async () => {
    const result = await run(
      recommendation({
        action: 'repatriate_commander',
        appointmentId: FC,
        role: 'force_commander',
      }),
      investigator,
    );
    expect(result.events[0].data).toMatchObject({ appointmentId: FC, role: 'force_commander' });
  });

  it('refuses a recommendation to relieve a leader that gives the leader another role', async () => {
    expect(
      await refusal(
        recommendation({ action: 'relieve_leader', appointmentId: FC, role: 'srsg' }),
        investigator,
      ),
    ).toMatchObject({ code: 'appointment_role_mismatch', field: 'role' });
  });

  it('refuses a decision about an appointment in another mission than it names', async () => {
    expect(
      await refusal(
        {
          aggregate: 'decision',
          id: '0190bbbb-0000-7000-8000-000000000009',
          command: {
            type: 'DecideRepatriation',
            data: {
              decisionId: '0190bbbb-0000-7000-8000-000000000009',
              appointmentId: FC,
              missionCode: 'MINUSCA',
              scope: 'leader',
              outcome: 'relieve',
              authority: 'Secretary-General',
              rationale: 'x',
            },
            meta: meta(authority),
          },
        },
        authority,
      ),
    ).toMatchObject({ code: 'unknown_appointment', field: 'appointmentId' });
  });

  it('refuses a decision that claims a recommendation about another leader than it says', async () => {
    await run(recommendation({ action: 'relieve_leader', appointmentId: FC }), investigator);
    expect(
      await refusal(
        {
          aggregate: 'decision',
          id: '0190bbbb-0000-7000-8000-000000000010',
          command: {
            type: 'DecideRepatriation',
            data: {
              decisionId: '0190bbbb-0000-7000-8000-000000000010',
              recommendation: {
                recommendationId: 'r-1',
                investigationId: INVESTIGATION,
                action: 'relieve_leader',
                appointmentId: SRSG,
              },
              appointmentId: SRSG,
              missionCode: 'UNMISS',
              scope: 'leader',
              outcome: 'relieve',
              authority: 'Secretary-General',
              rationale: 'x',
            },
            meta: meta(authority),
          },
        },
        authority,
      ),
    ).toMatchObject({ code: 'recommendation_mismatch', field: 'recommendationId' });
  });
});
