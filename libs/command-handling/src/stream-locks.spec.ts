import { StreamLocks } from './stream-locks';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamLocks', () => {
  it('runs the work on one stream one at a time, in the order it came', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };

    const results = await Promise.all(['a', 'b', 'c'].map((n) => locks.withLock('s', work(n))));

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(locks.size).toBe(0);
  });

  it('lets work on other streams go on meanwhile', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
    };

    await Promise.all([locks.withLock('s1', work('a')), locks.withLock('s2', work('b'))]);

    expect(log).toEqual(['a starts', 'b starts', 'a ends', 'b ends']);
  });

  it('passes the turn on when the work fails', async () => {
    const locks = new StreamLocks();

    const failing = locks.withLock('s', async () => {
      throw new Error('refused');
    });
    const next = locks.withLock('s', async () => 'next');

    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
    expect(locks.size).toBe(0);
  });
});
