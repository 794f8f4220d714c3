import { ERASED, personalViewOf, REDACTED } from './personal-view';
import { sealPersonalData } from './seal-personal-data';
import { SubjectErasedError } from './subject-key-store';
import { InvalidSubjectIdError } from './subject-id';
import { MemorySubjectKeys as MemoryKeys } from '../testing/memory-subject-keys';

describe('Personal data of an event', () => {
  const keys = new MemoryKeys();
  const data = {
    incidentId: 'i-1',
    subjects: [
      { subjectId: 'victim-1', role: 'victim' },
      { subjectId: 'witness-1', role: 'witness' },
    ],
    personal: { 'victim-1': { name: 'Victim One' }, 'witness-1': { name: 'Witness One' } },
  };
  let event: { eventId: string; data: Record<string, unknown> };

  beforeAll(async () => {
    event = { eventId: 'event-1', data: await sealPersonalData(data, 'event-1', keys) };
  });

  it('is sealed subject by subject, the rest of the data untouched', () => {
    expect(JSON.stringify(event.data)).not.toMatch(/Victim One|Witness One/);
    expect(event.data.subjects).toEqual(data.subjects);
    expect(Object.keys(event.data.personal as object)).toEqual(['victim-1', 'witness-1']);
  });

  it('is seen in clear by a reader with need-to-know, each subject a disclosure', async () => {
    expect(await personalViewOf(event, keys, true)).toEqual({
      view: { 'victim-1': { name: 'Victim One' }, 'witness-1': { name: 'Witness One' } },
      disclosed: ['victim-1', 'witness-1'],
    });
  });

  it('is redacted for anyone else, and nothing is disclosed', async () => {
    expect(await personalViewOf(event, keys, false)).toEqual({
      view: { 'victim-1': REDACTED, 'witness-1': REDACTED },
      disclosed: [],
    });
  });

  describe('when a subject id reaches a prototype', () => {
    it('refuses to seal it rather than lose the details', async () => {
      for (const subjectId of ['__proto__', 'constructor', 'prototype', '-dash', '']) {
        const personal = JSON.parse(`{${JSON.stringify(subjectId)}:{"name":"Lost"}}`) as object;
        await expect(sealPersonalData({ personal }, 'event-2', keys)).rejects.toThrow(
          InvalidSubjectIdError,
        );
      }
    });

    it('keeps sealed details and views in maps without a prototype', async () => {
      const sealed = await sealPersonalData(
        { personal: { valueOf: { name: 'V' } } },
        'event-3',
        keys,
      );
      expect(Object.getPrototypeOf(sealed.personal)).toBeNull();
      const shown = await personalViewOf({ eventId: 'event-3', data: sealed }, keys, true);
      expect(Object.getPrototypeOf(shown?.view)).toBeNull();
      expect(shown?.view.valueOf).toEqual({ name: 'V' });
    });
  });

  describe('when a subject is erased', () => {
    beforeAll(() => {
      keys.erase({ subjectId: 'victim-1', erasedAt: 'now', erasedBy: 'admin', reason: 'asked' });
    });

    it('shows that subject as erased to everyone, the others as before', async () => {
      expect((await personalViewOf(event, keys, true))?.view).toEqual({
        'victim-1': ERASED,
        'witness-1': { name: 'Witness One' },
      });
      expect((await personalViewOf(event, keys, false))?.view['victim-1']).toBe(ERASED);
    });

    it('refuses new details for the erased subject', async () => {
      const again = { personal: { 'victim-1': { name: 'Victim One' } } };
      await expect(sealPersonalData(again, 'event-2', keys)).rejects.toThrow(SubjectErasedError);
    });
  });

  it('has no view when the event holds no personal field', async () => {
    expect(await personalViewOf({ eventId: 'e', data: { a: 1 } }, keys, true)).toBeUndefined();
  });
});
