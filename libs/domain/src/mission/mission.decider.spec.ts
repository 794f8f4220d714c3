import fc from 'fast-check';
import { CommandMeta, foldEvents } from '../shared';
import {
  MissionCommand,
  missionDecider,
  missionStreamId,
  RegisterMission,
} from './mission.decider';
import type { MissionEvent } from './mission.events';

const meta: CommandMeta = {
  now: '2024-05-01T09:00:00Z',
  actor: { id: 'admin-1', role: 'admin' },
};

const register = (data: Partial<RegisterMission['data']> = {}): MissionCommand => ({
  type: 'RegisterMission',
  data: {
    code: 'UNMISS',
    name: 'United Nations Mission in South Sudan',
    hostCountry: 'SSD',
    ...data,
  },
  meta,
});

const given = (...events: MissionEvent[]) => ({
  when: (command: MissionCommand) => () =>
    missionDecider.decide(command, foldEvents(missionDecider, events)),
});

const registered: MissionEvent = {
  type: 'MissionRegistered',
  data: { code: 'UNMISS', name: 'United Nations Mission in South Sudan', hostCountry: 'SSD' },
};

describe('Mission', () => {
  it('lives in a stream named after its code', () => {
    expect(missionStreamId('MINUSCA')).toBe('mission-MINUSCA');
  });

  describe('when not yet registered', () => {
    it('registers a mission with its code, name and host country', () => {
      expect(given().when(register())()).toEqual([registered]);
    });

    it('accepts codes with digits and hyphens', () => {
      const [event] = given().when(register({ code: 'UNAMID-2' }))();
      expect(event?.data).toMatchObject({ code: 'UNAMID-2' });
    });

    it.each([
      ['lower case', 'unmiss'],
      ['a single character', 'U'],
      ['more than twenty characters', 'A'.repeat(21)],
      ['spaces', 'UN MISS'],
    ])('rejects a code in %s', (_label, code) => {
      expect(given().when(register({ code }))).toThrow(
        expect.objectContaining({ code: 'invalid_mission_code', field: 'code' }),
      );
    });

    it.each([
      ['an alpha-2 code', 'SS'],
      ['a lower-case code', 'ssd'],
      ['a country name', 'South Sudan'],
    ])('rejects a host country given as %s', (_label, hostCountry) => {
      expect(given().when(register({ hostCountry }))).toThrow(
        expect.objectContaining({ code: 'invalid_country', field: 'hostCountry' }),
      );
    });

    it('rejects a blank name', () => {
      expect(given().when(register({ name: '  ' }))).toThrow(
        expect.objectContaining({ code: 'text_required', field: 'name' }),
      );
    });
  });

  describe('when registered', () => {
    it('rejects registering it again', () => {
      expect(given(registered).when(register())).toThrow(
        expect.objectContaining({ kind: 'rule_violation', code: 'mission_exists' }),
      );
    });

    it('holds the registered facts, and no leaders yet', () => {
      expect(foldEvents(missionDecider, [registered])).toEqual({
        status: 'registered',
        ...registered.data,
        leadership: [],
      });
    });
  });

  it('registers any well-formed code and country exactly as given', () => {
    const code = fc.stringMatching(/^[A-Z0-9-]{2,20}$/);
    const country = fc.stringMatching(/^[A-Z]{3}$/);
    fc.assert(
      fc.property(code, country, (missionCode, hostCountry) => {
        const events = given().when(register({ code: missionCode, hostCountry }))();
        expect(events).toEqual([
          {
            type: 'MissionRegistered',
            data: expect.objectContaining({ code: missionCode, hostCountry }),
          },
        ]);
        expect(foldEvents(missionDecider, events).status).toBe('registered');
      }),
    );
  });
});
