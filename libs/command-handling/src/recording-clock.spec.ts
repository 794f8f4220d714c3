import fc from 'fast-check';
import { RecordingClock } from './recording-clock';

describe('The recording clock', () => {
  describe('when the wall clock moves forward', () => {
    it('stamps the wall clock, in UTC to the millisecond', () => {
      const times = [Date.UTC(2026, 0, 1, 12), Date.UTC(2026, 0, 1, 12, 0, 0, 7)];
      const clock = new RecordingClock(() => times.shift() as number);

      expect([clock.stamp(), clock.stamp()]).toEqual([
        '2026-01-01T12:00:00.000Z',
        '2026-01-01T12:00:00.007Z',
      ]);
    });
  });

  describe('when the wall clock is set back', () => {
    it('keeps stamping the last instant until the wall clock passes it again', () => {
      const at = (ms: number) => Date.UTC(2026, 0, 1, 12) + ms;
      const times = [at(500), at(100), at(499), at(500), at(501)];
      const clock = new RecordingClock(() => times.shift() as number);

      const stamps = [1, 2, 3, 4, 5].map(() => clock.stamp());

      expect(stamps.map((s) => Date.parse(s) - at(0))).toEqual([500, 500, 500, 500, 501]);
    });
  });

  it('never stamps an instant before the previous one, whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 50 }),
        (wall) => {
          const readings = [...wall];
          const clock = new RecordingClock(() => readings.shift() as number);
          const stamps = wall.map(() => Date.parse(clock.stamp()));
          stamps.forEach((stamp, i) => {
            expect(stamp).toBe(Math.max(...wall.slice(0, i + 1)));
          });
        },
      ),
    );
  });
});
