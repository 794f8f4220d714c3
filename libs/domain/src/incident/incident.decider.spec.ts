import fc from 'fast-check';
import { CommandMeta, DomainError, foldEvents, NotFoundError } from '../shared';
import {
  IncidentCommand,
  incidentDecider,
  incidentStreamId,
  ReportIncident,
} from './incident.decider';
import type { IncidentEvent, IncidentFacts, IncidentReported } from './incident.events';

const meta: CommandMeta = {
  now: '2016-07-12T08:00:00Z',
  actor: { id: 'investigator-1', role: 'investigator' },
};

const incidentId = '0190a1b2-0000-7000-8000-0000000000aa';

const reportData: ReportIncident['data'] = {
  incidentId,
  missionCode: 'UNMISS',
  occurredAt: '2016-07-10T18:30:00+03:00',
  location: { name: 'UN House, Juba', latitude: 4.8, longitude: 31.55 },
  category: 'attack_on_civilians',
  summary: 'Armed men attacked the Terrain compound; calls for help went unanswered.',
  casualties: { civiliansKilled: 1 },
  contingentIds: ['c-chn', 'c-npl', 'c-chn'],
  subjects: [
    { subjectId: 's-1', role: 'victim' },
    { subjectId: 's-2', role: 'witness' },
  ],
  personal: { 's-1': { nationality: 'South Sudanese' } },
};

const report = (data: Partial<ReportIncident['data']> = {}): IncidentCommand => ({
  type: 'ReportIncident',
  data: { ...reportData, ...data },
  meta,
});
const amend = (
  changes: Partial<IncidentFacts>,
  reason = 'Verified by the human rights division',
): IncidentCommand => ({
  type: 'AmendIncident',
  data: { changes, reason },
  meta,
});
const link = (...contingentIds: string[]): IncidentCommand => ({
  type: 'LinkIncidentUnits',
  data: { contingentIds },
  meta,
});
const close = (reason = 'Investigations concluded'): IncidentCommand => ({
  type: 'CloseIncident',
  data: { reason },
  meta,
});
const reopen = (reason = 'New testimony received'): IncidentCommand => ({
  type: 'ReopenIncident',
  data: { reason },
  meta,
});

const reported: IncidentReported = {
  type: 'IncidentReported',
  occurredAt: '2016-07-10T18:30:00+03:00',
  data: {
    ...reportData,
    casualties: { civiliansKilled: 1 },
    contingentIds: ['c-chn', 'c-npl'],
    subjects: reportData.subjects ?? [],
  },
};
const closed: IncidentEvent = { type: 'IncidentClosed', data: { incidentId, reason: 'Done' } };

const given = (...events: IncidentEvent[]) => ({
  when: (command: IncidentCommand) => () =>
    incidentDecider.decide(command, foldEvents(incidentDecider, events)),
});

const violation = (code: string, field?: string) =>
  expect.objectContaining({
    kind: 'rule_violation',
    code,
    ...(field === undefined ? {} : { field }),
  });

describe('Incident', () => {
  it('lives in a stream named after its id', () => {
    expect(incidentStreamId(incidentId)).toBe(`incident-${incidentId}`);
  });

  describe('when not reported', () => {
    it('records the report, dated when the incident occurred, each unit once', () => {
      expect(given().when(report())()).toEqual([reported]);
    });

    it('records no casualties, units or subjects when none are given', () => {
      const bare = report({
        casualties: undefined,
        contingentIds: undefined,
        subjects: undefined,
        personal: undefined,
      });
      const [event] = given().when(bare)();
      expect(event?.data).toMatchObject({ casualties: {}, contingentIds: [], subjects: [] });
      expect(event?.data).not.toHaveProperty('personal');
    });

    it('rejects personal details of someone who is not among the subjects', () => {
      expect(given().when(report({ personal: { 's-9': { name: 'X' } } }))).toThrow(
        violation('unknown_subject', 'personal.s-9'),
      );
    });

    it('rejects a subject with a role outside the vocabulary', () => {
      const subjects = [{ subjectId: 's-1', role: 'bystander' as never }];
      expect(given().when(report({ subjects, personal: undefined }))).toThrow(
        violation('not_in_vocabulary', 'subjects[0].role'),
      );
    });

    it('rejects an occurred time without a zone', () => {
      expect(given().when(report({ occurredAt: '2016-07-10T18:30:00' }))).toThrow(
        violation('invalid_time', 'occurredAt'),
      );
    });

    it.each([
      ['a latitude above 90', { name: 'X', latitude: 90.5 }, 'location.latitude'],
      ['a longitude below -180', { name: 'X', longitude: -181 }, 'location.longitude'],
      ['a latitude that is not a number', { name: 'X', latitude: Number.NaN }, 'location.latitude'],
    ])('rejects %s', (_label, location, field) => {
      expect(given().when(report({ location }))).toThrow(violation('invalid_coordinate', field));
    });

    it('rejects a location without a name', () => {
      expect(given().when(report({ location: { name: ' ' } }))).toThrow(
        violation('text_required', 'location.name'),
      );
    });

    it.each([-1, 1.5])('rejects a casualty count of %s', (civiliansInjured) => {
      expect(given().when(report({ casualties: { civiliansInjured } }))).toThrow(
        violation('invalid_count', 'casualties.civiliansInjured'),
      );
    });

    it('rejects a category outside the vocabulary', () => {
      expect(given().when(report({ category: 'riot' as never }))).toThrow(
        violation('not_in_vocabulary', 'category'),
      );
    });

    it('rejects a blank summary', () => {
      expect(given().when(report({ summary: '' }))).toThrow(violation('text_required', 'summary'));
    });

    it('rejects a report that leaves out a fact', () => {
      expect(given().when(report({ location: undefined as never }))).toThrow(
        violation('fact_required', 'location'),
      );
    });

    it('rejects a malformed mission code', () => {
      expect(given().when(report({ missionCode: 'Unmiss' }))).toThrow(
        violation('invalid_mission_code', 'missionCode'),
      );
    });

    it.each([
      ['amended', amend({ summary: 'x' })],
      ['linked to units', link('c-1')],
      ['closed', close()],
      ['reopened', reopen()],
    ])('cannot be %s', (_label, command) => {
      expect(given().when(command)).toThrow(NotFoundError);
      expect(given().when(command)).toThrow(
        expect.objectContaining({ code: 'incident_not_found' }),
      );
    });
  });

  describe('when open', () => {
    it('rejects reporting it again', () => {
      expect(given(reported).when(report())).toThrow(violation('incident_exists'));
    });

    describe('amending', () => {
      it('records only the facts that change, with the reason', () => {
        const changes = { summary: reportData.summary, category: 'failure_to_protect' as const };
        expect(given(reported).when(amend(changes))()).toEqual([
          {
            type: 'IncidentAmended',
            data: {
              incidentId,
              changes: { category: 'failure_to_protect' },
              reason: 'Verified by the human rights division',
            },
          },
        ]);
      });

      it('corrects casualty counts one by one and records the complete new counts', () => {
        const [event] = given(reported).when(amend({ casualties: { civiliansInjured: 4 } }))();
        expect(event?.data).toMatchObject({
          changes: { casualties: { civiliansKilled: 1, civiliansInjured: 4 } },
        });
      });

      it('holds the amended facts and keeps the others as reported', () => {
        const amended = given(reported).when(amend({ location: { name: 'Terrain compound' } }))();
        const state = foldEvents(incidentDecider, [reported, ...amended]);
        expect(state).toMatchObject({
          status: 'open',
          facts: {
            location: { name: 'Terrain compound' },
            summary: reportData.summary,
            occurredAt: reportData.occurredAt,
          },
        });
      });

      it('requires a reason', () => {
        expect(given(reported).when(amend({ summary: 'Corrected' }, '  '))).toThrow(
          violation('reason_required', 'reason'),
        );
      });

      it('rejects changes that leave every fact as it stands', () => {
        const same = { summary: reportData.summary, casualties: { civiliansKilled: 1 } };
        expect(given(reported).when(amend(same))).toThrow(violation('nothing_to_amend', 'changes'));
      });

      it('rejects empty changes', () => {
        expect(given(reported).when(amend({}))).toThrow(violation('nothing_to_amend', 'changes'));
      });

      it('rejects a change to anything but the facts', () => {
        const changes = { missionCode: 'MINUSCA' } as Partial<IncidentFacts>;
        expect(given(reported).when(amend(changes))).toThrow(
          violation('not_amendable', 'changes.missionCode'),
        );
      });

      it('validates the changed facts like a report, naming the changed field', () => {
        expect(given(reported).when(amend({ occurredAt: 'yesterday' }))).toThrow(
          violation('invalid_time', 'changes.occurredAt'),
        );
      });
    });

    describe('linking units', () => {
      it('records only the units not yet linked, each once', () => {
        expect(given(reported).when(link('c-npl', 'c-eth', 'c-eth'))()).toEqual([
          { type: 'IncidentUnitsLinked', data: { incidentId, contingentIds: ['c-eth'] } },
        ]);
      });

      it('rejects a link when every unit named is already linked', () => {
        expect(given(reported).when(link('c-chn', 'c-npl'))).toThrow(
          violation('units_already_linked', 'contingentIds'),
        );
      });

      it('rejects a link that names no unit', () => {
        expect(given(reported).when(link())).toThrow(violation('units_required', 'contingentIds'));
      });

      it('rejects a blank contingent id', () => {
        expect(given(reported).when(link('c-eth', ' '))).toThrow(
          violation('text_required', 'contingentIds[1]'),
        );
      });
    });

    describe('closing', () => {
      it('records the closure with its reason', () => {
        expect(given(reported).when(close('All investigations reported'))()).toEqual([
          { type: 'IncidentClosed', data: { incidentId, reason: 'All investigations reported' } },
        ]);
      });

      it('requires a reason', () => {
        expect(given(reported).when(close(''))).toThrow(violation('reason_required', 'reason'));
      });
    });

    it('cannot be reopened', () => {
      expect(given(reported).when(reopen())).toThrow(violation('incident_not_closed'));
    });
  });

  describe('when an investigator is assigned to it', () => {
    const assign = (investigatorId: string): IncidentCommand => ({
      type: 'AssignIncidentInvestigator',
      data: { investigatorId },
      meta,
    });
    const assigned: IncidentEvent = {
      type: 'IncidentInvestigatorAssigned',
      data: { incidentId, investigatorId: 'investigator-2' },
    };

    it('records the assignment', () => {
      expect(given(reported).when(assign('investigator-2'))()).toEqual([assigned]);
    });

    it('keeps every assigned investigator in its state, open or closed', () => {
      const state = foldEvents(incidentDecider, [reported, assigned, closed]);
      expect(state).toMatchObject({ status: 'closed', investigators: ['investigator-2'] });
    });

    it('refuses to assign the same investigator twice', () => {
      expect(given(reported, assigned).when(assign('investigator-2'))).toThrow(
        violation('already_assigned', 'investigatorId'),
      );
    });

    it('cannot assign to an incident never reported', () => {
      expect(given().when(assign('investigator-2'))).toThrow(NotFoundError);
    });
  });

  describe('when closed', () => {
    it('rejects an amendment', () => {
      expect(given(reported, closed).when(amend({ summary: 'New fact' }))).toThrow(
        violation('incident_closed'),
      );
    });

    it('rejects linking a unit', () => {
      expect(given(reported, closed).when(link('c-eth'))).toThrow(violation('incident_closed'));
    });

    it('rejects closing it again', () => {
      expect(given(reported, closed).when(close())).toThrow(violation('incident_closed'));
    });

    it('reopens with a reason', () => {
      expect(given(reported, closed).when(reopen('New testimony received'))()).toEqual([
        { type: 'IncidentReopened', data: { incidentId, reason: 'New testimony received' } },
      ]);
    });

    it('requires a reason to reopen', () => {
      expect(given(reported, closed).when(reopen(' '))).toThrow(
        violation('reason_required', 'reason'),
      );
    });

    it('accepts new facts again once reopened', () => {
      const reopened: IncidentEvent = {
        type: 'IncidentReopened',
        data: { incidentId, reason: 'r' },
      };
      expect(given(reported, closed, reopened).when(link('c-eth'))()).toHaveLength(1);
    });
  });

  describe('for any sequence of commands after the report', () => {
    const contingentId = fc.constantFrom('c-chn', 'c-npl', 'c-eth', 'c-ind', '');
    const facts: fc.Arbitrary<Partial<IncidentFacts>> = fc.record(
      {
        summary: fc.constantFrom('Attack on the Terrain compound', 'Shooting near gate 2', ' '),
        category: fc.constantFrom('attack_on_civilians', 'failure_to_protect', 'other'),
        occurredAt: fc.constantFrom('2016-07-10T18:30:00+03:00', '2016-07-11T09:00:00Z'),
        location: fc.record({ name: fc.constantFrom('UN House', 'Terrain compound') }),
        casualties: fc.record(
          { civiliansKilled: fc.integer({ min: -1, max: 5 }), civiliansInjured: fc.nat(5) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Partial<IncidentFacts>>;
    // Mostly valid, so that histories grow long; sometimes blank, to exercise the rejections.
    const reason = fc.oneof(
      { arbitrary: fc.constant('Correction from the sector commander'), weight: 4 },
      { arbitrary: fc.constant(''), weight: 1 },
    );
    const anyCommand: fc.Arbitrary<IncidentCommand> = fc.oneof(
      fc.tuple(facts, reason).map(([changes, why]) => amend(changes, why)),
      fc.array(contingentId, { maxLength: 3 }).map((ids) => link(...ids)),
      reason.map(close),
      reason.map(reopen),
    );
    const anyHistory = fc
      .array(anyCommand, { minLength: 5, maxLength: 30 })
      .map((commands) => run([report(), ...commands]));

    it('never lets a closed incident accept an amendment or a new unit', () => {
      fc.assert(
        fc.property(anyHistory, facts, (history, changes) => {
          history.reduce((previous, event, index) => {
            const state = incidentDecider.evolve(previous, event);
            if (state.status === 'closed') {
              for (const command of [amend(changes), link(`c-new-${index}`)]) {
                expect(() => incidentDecider.decide(command, state)).toThrow(
                  violation('incident_closed'),
                );
              }
            }
            return state;
          }, incidentDecider.initialState);
        }),
      );
    });

    it('keeps the original report first and unchanged', () => {
      fc.assert(
        fc.property(anyHistory, (history) => {
          expect(history[0]).toEqual(reported);
          expect(history.slice(1).map((event) => event.type)).not.toContain('IncidentReported');
        }),
      );
    });

    it('holds each fact as last amended, or as reported if never amended', () => {
      fc.assert(
        fc.property(anyHistory, (history) => {
          const state = foldEvents(incidentDecider, history);
          if (state.status === 'unreported') throw new Error('the report was rejected');
          const lastWord = (field: keyof IncidentFacts) =>
            history
              .flatMap((e) => (e.type === 'IncidentAmended' ? [e.data.changes[field]] : []))
              .filter((value) => value !== undefined)
              .at(-1) ?? reported.data[field];
          for (const field of Object.keys(state.facts) as (keyof IncidentFacts)[]) {
            expect(state.facts[field]).toEqual(lastWord(field));
          }
          expect(Object.keys(state.facts).sort()).toEqual([
            'casualties',
            'category',
            'location',
            'occurredAt',
            'summary',
          ]);
        }),
      );
    });

    it('links every unit at most once', () => {
      fc.assert(
        fc.property(anyHistory, (history) => {
          const state = foldEvents(incidentDecider, history);
          if (state.status === 'unreported') throw new Error('the report was rejected');
          expect(new Set(state.contingentIds).size).toBe(state.contingentIds.length);
        }),
      );
    });

    it('folds the same history to the same state, without touching the events', () => {
      fc.assert(
        fc.property(anyHistory, (history) => {
          const frozen = structuredClone(history).map(deepFreeze);
          expect(foldEvents(incidentDecider, frozen)).toEqual(foldEvents(incidentDecider, history));
          expect(frozen).toEqual(history);
        }),
      );
    });
  });
});

/** Applies each command to the state its predecessors left; rejected commands leave no trace. */
function run(commands: IncidentCommand[]): IncidentEvent[] {
  const history: IncidentEvent[] = [];
  let state = incidentDecider.initialState;
  for (const command of commands) {
    try {
      const events = incidentDecider.decide(command, state);
      history.push(...events);
      state = events.reduce(incidentDecider.evolve, state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return history;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
