import { InvalidArgumentError } from 'commander';
import { dayOrInstantArgument, instantArgument } from './time-arguments';

describe('the CLI options that take an instant', () => {
  it.each(['2016-07-10T18:30:00Z', '2016-07-10T21:30:00.123+03:00', '2016-07-10T18:30Z'])(
    'take an instant with its zone: %s',
    (value) => {
      expect(instantArgument(value)).toBe(value);
      expect(dayOrInstantArgument(value)).toBe(value);
    },
  );

  it.each([
    '',
    'yesterday',
    'fooZ',
    '2016-07-10',
    '2016-07-10T18:30:00',
    '2016-02-30T00:00:00Z',
    '2016-07-10T24:00:00Z',
    '2016-07-10 18:30:00Z',
    '1468175400000',
  ])('refuse %j as bad usage, saying the form they need', (value) => {
    expect(() => instantArgument(value)).toThrow(InvalidArgumentError);
    expect(() => instantArgument(value)).toThrow(/ISO 8601 instant with its zone is needed/);
  });

  it('take a day for a period bound, a real one', () => {
    expect(dayOrInstantArgument('2014-01-01')).toBe('2014-01-01');
    for (const value of ['2014-02-30', '2014-13-01', '2014-1-1', 'soon', '2014-01-01T00:00:00']) {
      expect(() => dayOrInstantArgument(value)).toThrow(InvalidArgumentError);
      expect(() => dayOrInstantArgument(value)).toThrow(/a date \(YYYY-MM-DD\) or an ISO 8601/);
    }
  });
});
