import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { canonicalEventJson, GENESIS_HASH, hashEvent, type HashableEvent } from './event-hash';

const malakal: HashableEvent = {
  eventId: '0190a000-0000-7000-8000-000000000001',
  type: 'IncidentReported',
  schemaVersion: 1,
  streamId: 'incident-malakal',
  streamRevision: 0n,
  recordedAt: '2016-02-18T09:15:00Z',
  occurredAt: '2016-02-17T22:00:00Z',
  actor: { id: 'investigator-7', role: 'investigator' },
  correlationId: 'req-1',
  causationId: 'cmd-1',
  data: {
    summary: 'Armed men entered the camp',
    location: { name: 'Malakal POC site' },
    casualties: { civiliansKilled: 2 },
  },
  prevHash: GENESIS_HASH,
};

/** The same value with the keys of every object, at every depth, in another order. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, seed));
  if (typeof value !== 'object' || value === null || typeof value === 'bigint') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]).reverse();
  return Object.fromEntries(rotated.map(([key, item]) => [key, reorderKeys(item, seed + 1)]));
}

const envelope: fc.Arbitrary<HashableEvent> = fc.record(
  {
    eventId: fc.uuid(),
    type: fc.string({ minLength: 1 }),
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    streamId: fc.string({ minLength: 1 }),
    streamRevision: fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
    recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    actor: fc.record({ id: fc.string(), role: fc.string() }),
    correlationId: fc.string(),
    causationId: fc.string(),
    data: fc.dictionary(fc.string(), fc.jsonValue()),
    prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
  },
  {
    requiredKeys: [
      'eventId',
      'type',
      'schemaVersion',
      'streamId',
      'streamRevision',
      'recordedAt',
      'actor',
      'correlationId',
      'causationId',
      'data',
      'prevHash',
    ],
  },
);

describe('hashEvent', () => {
  it('is the SHA-256 of the RFC 8785 JSON of the envelope, revision as a number', () => {
    const expectedJson =
      '{"actor":{"id":"investigator-7","role":"investigator"},"causationId":"cmd-1",' +
      '"correlationId":"req-1","data":{"casualties":{"civiliansKilled":2},' +
      '"location":{"name":"Malakal POC site"},"summary":"Armed men entered the camp"},' +
      '"eventId":"0190a000-0000-7000-8000-000000000001","occurredAt":"2016-02-17T22:00:00Z",' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2016-02-18T09:15:00Z","schemaVersion":1,` +
      '"streamId":"incident-malakal","streamRevision":0,"type":"IncidentReported"}';

    expect(canonicalEventJson(malakal)).toBe(expectedJson);
    expect(hashEvent(malakal)).toBe(createHash('sha256').update(expectedJson).digest('hex'));
  });

  it('stays the same from release to release (pinned with sha256sum of the JSON above)', () => {
    expect(hashEvent(malakal)).toBe(
      '82e944976f95ad4f6c52a119d50f932e035506fd3c1798c23c9535213e559d1f',
    );
  });

  it('is 64 lower-case hex characters, like GENESIS_HASH', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    fc.assert(fc.property(envelope, (event) => /^[0-9a-f]{64}$/.test(hashEvent(event))));
  });

  it('does not depend on the order of keys, at any depth', () => {
    fc.assert(
      fc.property(envelope, fc.nat(20), (event, seed) => {
        const reordered = reorderKeys(event, seed) as HashableEvent;
        expect(hashEvent(reordered)).toBe(hashEvent(event));
      }),
    );
  });

  it('gives the same hash every time it is asked', () => {
    fc.assert(
      fc.property(envelope, (event) => {
        const copy = structuredClone(event);
        expect(hashEvent(copy)).toBe(hashEvent(event));
      }),
    );
  });

  it('ignores its own hash and the global position, which the store assigns later', () => {
    const recorded: RecordedEvent = { ...malakal, hash: 'f'.repeat(64), globalPosition: 42n };
    expect(hashEvent(recorded)).toBe(hashEvent(malakal));
    const reassigned: RecordedEvent = { ...recorded, hash: 'e'.repeat(64), globalPosition: 7n };
    expect(hashEvent(reassigned)).toBe(hashEvent(malakal));
  });

  it('leaves out an absent occurred time, and treats a stored null as absent', () => {
    const { occurredAt: _omitted, ...withoutOccurredAt } = malakal;
    expect(canonicalEventJson(withoutOccurredAt)).not.toContain('occurredAt');
    expect(hashEvent({ ...malakal, occurredAt: undefined })).toBe(hashEvent(withoutOccurredAt));
    const storedNull = { ...malakal, occurredAt: null as unknown as string };
    expect(hashEvent(storedNull)).toBe(hashEvent(withoutOccurredAt));
  });

  it('ignores properties that are not part of the envelope', () => {
    const decorated = { ...malakal, cachedProjection: { anything: true } };
    expect(hashEvent(decorated)).toBe(hashEvent(malakal));
  });

  describe('changes when any covered field changes', () => {
    const changes: Array<[string, Partial<HashableEvent>]> = [
      ['eventId', { eventId: '0190a000-0000-7000-8000-000000000002' }],
      ['type', { type: 'IncidentAmended' }],
      ['schemaVersion', { schemaVersion: 2 }],
      ['streamId', { streamId: 'incident-juba' }],
      ['streamRevision', { streamRevision: 1n }],
      ['recordedAt', { recordedAt: '2016-02-18T09:15:01Z' }],
      ['occurredAt', { occurredAt: '2016-02-17T22:00:01Z' }],
      ['occurredAt, removed', { occurredAt: undefined }],
      ['actor id', { actor: { id: 'investigator-8', role: 'investigator' } }],
      ['actor role', { actor: { id: 'investigator-7', role: 'decision_authority' } }],
      ['correlationId', { correlationId: 'req-2' }],
      ['causationId', { causationId: 'cmd-2' }],
      ['a nested data value', { data: { ...malakal.data, casualties: { civiliansKilled: 3 } } }],
      ['a data key', { data: { ...malakal.data, note: null } }],
      ['prevHash', { prevHash: '1'.repeat(64) }],
    ];
    it.each(changes)('%s', (_field, change) => {
      expect(hashEvent({ ...malakal, ...change })).not.toBe(hashEvent(malakal));
    });

    it('even by one character of data, for any data', () => {
      fc.assert(
        fc.property(envelope, fc.string({ minLength: 1 }), (event, suffix) => {
          const key = Object.keys(event.data)[0] ?? 'k';
          const changed = {
            ...event,
            data: { ...event.data, [key]: `${JSON.stringify(event.data[key])}${suffix}` },
          };
          expect(hashEvent(changed)).not.toBe(hashEvent(event));
        }),
      );
    });
  });

  it('refuses a revision that JSON cannot carry exactly', () => {
    const beyond = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => hashEvent({ ...malakal, streamRevision: beyond })).toThrow(RangeError);
    expect(() => hashEvent({ ...malakal, streamRevision: -1n })).toThrow(RangeError);
  });
});
