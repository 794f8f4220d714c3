import { chainEvents } from './chain-events';
import { GENESIS_HASH, hashEvent } from './event-hash';
import { unchainedEvent } from '../testing/recorded-events';

describe('chainEvents', () => {
  describe('for a new stream', () => {
    const chained = chainEvents('incident-juba', 0n, GENESIS_HASH, [
      unchainedEvent(1),
      unchainedEvent(2),
      unchainedEvent(3),
    ]);

    it('links the first event to GENESIS_HASH and each next one to the hash before it', () => {
      expect(chained.map((event) => event.prevHash)).toEqual([
        GENESIS_HASH,
        chained[0].hash,
        chained[1].hash,
      ]);
    });

    it('hashes each event with its stream id and revision', () => {
      chained.forEach((event, i) => {
        expect(event.hash).toBe(
          hashEvent({ ...event, streamId: 'incident-juba', streamRevision: BigInt(i) }),
        );
      });
    });

    it('keeps everything else as given', () => {
      const { prevHash: _p, hash: _h, ...rest } = chained[1];
      expect(rest).toEqual(unchainedEvent(2));
    });
  });

  describe('for a stream that already has events', () => {
    it('continues from the given revision and hash, as one long batch would', () => {
      const whole = chainEvents('incident-juba', 0n, GENESIS_HASH, [
        unchainedEvent(1),
        unchainedEvent(2),
        unchainedEvent(3),
      ]);
      const first = chainEvents('incident-juba', 0n, GENESIS_HASH, [unchainedEvent(1)]);
      const rest = chainEvents('incident-juba', 1n, first[0].hash, [
        unchainedEvent(2),
        unchainedEvent(3),
      ]);
      expect([...first, ...rest]).toEqual(whole);
    });

    it('refuses to start a later revision from GENESIS_HASH', () => {
      expect(() => chainEvents('incident-juba', 3n, GENESIS_HASH, [unchainedEvent(1)])).toThrow(
        RangeError,
      );
    });

    it('refuses to start revision 0 from anything but GENESIS_HASH', () => {
      expect(() => chainEvents('incident-juba', 0n, 'a'.repeat(64), [unchainedEvent(1)])).toThrow(
        RangeError,
      );
    });
  });

  it('returns nothing for an empty batch', () => {
    expect(chainEvents('incident-juba', 4n, 'a'.repeat(64), [])).toEqual([]);
  });
});
