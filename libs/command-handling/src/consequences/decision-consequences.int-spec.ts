import { MemorySubjectKeys } from '../../../access/src/testing/memory-subject-keys';
import { AccessScopeFollower } from '../access-scope-follower';
import type { DecisionCommand } from '@blue-ledger/domain';
import { SqliteEventStore, type EventStore } from '@blue-ledger/event-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../command-context';
import { CommandPath } from '../command-path';
import { IdSource } from '../id-source';
import type { LedgerCommand } from '../ledger-command';

const DECISION = '0190aaaa-0000-7000-8000-000000000001';
const APPOINTMENT = '0190aaaa-0000-7000-8000-000000000002';
const UNIT = '0190aaaa-0000-7000-8000-000000000003';

const admin = { id: 'admin-1', role: 'admin' };
const authority = { id: 'usg-dpo', role: 'decision_authority' };

const contextOf = (
  actor: { id: string; role: string },
  ids = IdSource.random(),
): CommandContext => ({
  actor,
  now: new Date().toISOString(),
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  ids,
});

/** A store that fails every append to one stream while `failing` is set: the process dying there. */
function crashingOn(store: EventStore, streamId: string) {
  const state = { failing: false };
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return (id: string, ...rest: unknown[]) => {
          if (state.failing && id === streamId)
            return Promise.reject(new Error('the process died'));
          return (target.appendToStream as (...a: unknown[]) => unknown)(id, ...rest);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { store: wrapped, state };
}

describe('The consequence of implementing a decision', () => {
  let directory: string;
  let store: SqliteEventStore;
  let keys: MemorySubjectKeys;
  const pending: string[] = [];

  const pathOver = (over: EventStore) =>
    new CommandPath({
      store: over,
      subjectKeys: keys,
      coverage: new AccessScopeFollower(over),
      recommendations: { investigationOf: async () => undefined },
      appointments: { missionOf: async (id) => (id === APPOINTMENT ? 'UNMISS' : undefined) },
      pendingConsequences: { decisionsAwaitingConsequence: async () => [...pending] },
    });

  const run = (commandPath: CommandPath, target: LedgerCommand, context: CommandContext) =>
    commandPath.execute(target, context);

  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    const file = path.join(directory, 'ledger.sqlite');
    store = SqliteEventStore.open(file);
    keys = new MemorySubjectKeys();
    pending.length = 0;
    const setup = pathOver(store);
    const meta = { now: new Date().toISOString(), actor: admin };
    await run(
      setup,
      {
        aggregate: 'mission',
        id: 'UNMISS',
        command: {
          type: 'RegisterMission',
          data: { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' },
          meta,
        },
      },
      contextOf(admin),
    );
    await run(
      setup,
      {
        aggregate: 'mission',
        id: 'UNMISS',
        command: {
          type: 'AppointLeader',
          data: {
            appointmentId: APPOINTMENT,
            role: 'force_commander',
            subjectId: 'subject-fc',
            nationality: 'KEN',
            appointedAt: '2016-05-26T00:00:00+03:00',
          },
          meta,
        },
      },
      contextOf(admin),
    );
    await run(
      setup,
      {
        aggregate: 'decision',
        id: DECISION,
        command: {
          type: 'DecideRepatriation',
          data: {
            decisionId: DECISION,
            appointmentId: APPOINTMENT,
            missionCode: 'UNMISS',
            scope: 'leader',
            outcome: 'relieve',
            authority: 'Secretary-General',
            rationale: 'A lack of leadership',
            decidedAt: '2016-11-01T10:00:00-04:00',
          },
          meta: { ...meta, actor: authority },
        },
      },
      contextOf(authority),
    );
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const implement = (implementedAt = '2016-11-02T00:00:00+03:00'): LedgerCommand => ({
    aggregate: 'decision',
    id: DECISION,
    command: {
      type: 'ImplementRepatriation',
      data: { implementedAt },
      meta: { now: new Date().toISOString(), actor: authority },
    } as DecisionCommand,
  });
  const departures = async () =>
    (await store.readStream('mission-UNMISS')).filter((e) => e.type === 'LeaderDeparted');

  it("records the leader's departure as relieved, naming the decision, caused by the implementation", async () => {
    const result = await run(pathOver(store), implement(), contextOf(authority));
    const [departure] = await departures();
    expect(departure).toMatchObject({
      data: {
        missionCode: 'UNMISS',
        appointmentId: APPOINTMENT,
        at: '2016-11-02T00:00:00+03:00',
        reason: 'relieved',
        decisionId: DECISION,
      },
      occurredAt: '2016-11-02T00:00:00+03:00',
      actor: authority,
      causationId: result.events[0].eventId,
      correlationId: 'correlation-1',
    });
  });

  it('is recorded once when a crash came between the two appends, at the next start, and never twice', async () => {
    const crashing = crashingOn(store, 'mission-UNMISS');
    crashing.state.failing = true;
    const seed = IdSource.newSeed();
    const retriedIds = () => IdSource.seeded(seed.msecs, seed.secret);
    await expect(
      run(pathOver(crashing.store), implement(), contextOf(authority, retriedIds())),
    ).rejects.toThrow('the process died');
    const decision = await store.readStream(`decision-${DECISION}`);
    expect(decision.map((e) => e.type)).toEqual(['RepatriationDecided', 'RepatriationImplemented']);
    expect(await departures()).toHaveLength(0);

    // A look that covered a position before the implementation has it to look at; one that
    // covered the implementation has not.
    const implementedAt = decision[1].globalPosition;
    const head = (await store.headPosition())!;
    expect(await pathOver(store).implementedBetween(implementedAt - 1n, head)).toBe(true);
    expect(await pathOver(store).implementedBetween(implementedAt, head)).toBe(false);
    expect(await pathOver(store).implementedBetween(0n, implementedAt - 1n)).toBe(false);

    pending.push(DECISION);
    const restarted = pathOver(store);
    expect(await restarted.recordPendingConsequences()).toBe(1);
    expect(await restarted.recordPendingConsequences()).toBe(0);
    expect(await pathOver(store).recordPendingConsequences()).toBe(0);

    const retry = await run(pathOver(store), implement(), contextOf(authority, retriedIds()));
    expect(retry.alreadyApplied).toBe(true);
    const recorded = await departures();
    expect(recorded).toHaveLength(1);
    expect(recorded[0].causationId).toBe(decision[1].eventId);
  });

  it('is appended once when a holder that hung just before its append wakes after another recorded it', async () => {
    const crashing = crashingOn(store, 'mission-UNMISS');
    crashing.state.failing = true;
    await expect(run(pathOver(crashing.store), implement(), contextOf(authority))).rejects.toThrow(
      'the process died',
    );
    pending.push(DECISION);
    // A: the instance whose turn at start is ended while it hangs, having decided the departure
    // on the stream as it was, its append not yet sent.
    let reachedAppend!: () => void;
    const atAppend = new Promise<void>((resolve) => (reachedAppend = resolve));
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const hanging = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendToStream') {
          return async (id: string, ...rest: unknown[]) => {
            if (id === 'mission-UNMISS') {
              reachedAppend();
              await woken;
            }
            return (target.appendToStream as (...a: unknown[]) => unknown)(id, ...rest);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const a = pathOver(hanging).recordPendingConsequences();
    await atAppend;
    // B, which took the turn over, records the departure.
    expect(await pathOver(store).recordPendingConsequences()).toBe(1);
    const [recorded] = await departures();
    // A wakes and sends its append: the same event ids (derived from the implementation's) as
    // B's, so the store answers it as the append that stands (a retried batch), and nothing
    // more is appended. (A counts it among what it recorded: the store does not say it was
    // B's; A's count is only logged, its turn's record failing with its connection.)
    wake();
    await a;
    expect(await departures()).toEqual([recorded]);
  });

  it('records it on a retry of the implementation with the same idempotency key', async () => {
    const crashing = crashingOn(store, 'mission-UNMISS');
    crashing.state.failing = true;
    const seed = IdSource.newSeed();
    const retriedIds = () => IdSource.seeded(seed.msecs, seed.secret);
    await expect(
      run(pathOver(crashing.store), implement(), contextOf(authority, retriedIds())),
    ).rejects.toThrow();
    crashing.state.failing = false;
    const retry = await run(
      pathOver(crashing.store),
      implement(),
      contextOf(authority, retriedIds()),
    );
    expect(retry.alreadyApplied).toBe(true);
    expect(await departures()).toHaveLength(1);
  });

  it('refuses to implement a relief of a leader who has left, and appends nothing', async () => {
    await run(
      pathOver(store),
      {
        aggregate: 'mission',
        id: 'UNMISS',
        command: {
          type: 'RecordLeaderDeparture',
          data: { appointmentId: APPOINTMENT, at: '2016-10-15T00:00:00Z', reason: 'resigned' },
          meta: { now: new Date().toISOString(), actor: admin },
        },
      },
      contextOf(admin),
    );
    const head = await store.headPosition();
    await expect(run(pathOver(store), implement(), contextOf(authority))).rejects.toMatchObject({
      code: 'leader_already_departed',
    });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses an implementation dated before the appointment began, naming implementedAt', async () => {
    const early = await run(
      pathOver(store),
      implement('2016-05-01T00:00:00Z'),
      contextOf(authority),
    ).catch((error: unknown) => error);
    expect(early).toMatchObject({ code: 'implemented_before_decided', field: 'implementedAt' });
  });

  it("records a repatriated unit's withdrawal by the UN", async () => {
    const meta = { now: new Date().toISOString(), actor: admin };
    const commandPath = pathOver(store);
    await run(
      commandPath,
      {
        aggregate: 'contingent',
        id: UNIT,
        command: {
          type: 'RegisterContingent',
          data: {
            contingentId: UNIT,
            country: 'GAB',
            unitType: 'infantry_battalion',
            designation: 'GABBATT',
            missionCode: 'UNMISS',
          },
          meta,
        },
      },
      contextOf(admin),
    );
    const decisionId = '0190aaaa-0000-7000-8000-000000000009';
    await run(
      commandPath,
      {
        aggregate: 'decision',
        id: decisionId,
        command: {
          type: 'DecideRepatriation',
          data: {
            decisionId,
            contingentId: UNIT,
            scope: 'unit',
            outcome: 'repatriate',
            authority: 'Under-Secretary-General for Peace Operations',
            rationale: 'Systemic sexual exploitation and abuse',
            decidedAt: '2021-09-15T00:00:00Z',
          },
          meta: { ...meta, actor: authority },
        },
      },
      contextOf(authority),
    );
    await run(
      commandPath,
      {
        aggregate: 'decision',
        id: decisionId,
        command: {
          type: 'ImplementRepatriation',
          data: { implementedAt: '2021-10-01T00:00:00Z' },
          meta: { ...meta, actor: authority },
        },
      },
      contextOf(authority),
    );
    const withdrawn = (await store.readStream(`contingent-${UNIT}`)).at(-1);
    expect(withdrawn).toMatchObject({
      type: 'ContingentWithdrawn',
      data: {
        at: '2021-10-01T00:00:00Z',
        by: 'united_nations',
        decisionId,
        reason:
          'Repatriated by decision of the Under-Secretary-General for Peace Operations: Systemic sexual exploitation and abuse',
      },
    });
  });
});
