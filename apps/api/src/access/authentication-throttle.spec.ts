import { AuthenticationThrottle, prefixOf } from './authentication-throttle';

const RIGHT = 'right-token-0123456789';
const principal = { id: 'p-1' };

describe('AuthenticationThrottle', () => {
  let clock: number;
  let throttle: AuthenticationThrottle;
  let checked: string[];
  const check = async (token: string) => {
    checked.push(token);
    return token === RIGHT ? principal : undefined;
  };
  const attempt = (address: string, token: string | undefined) =>
    throttle.authenticate(address, token, check).then(
      () => 200,
      (error: { getStatus(): number }) => error.getStatus(),
    );

  beforeEach(() => {
    clock = 0;
    checked = [];
    throttle = new AuthenticationThrottle(3, 60, () => clock);
  });

  describe('when an address has failed as often as the limit', () => {
    beforeEach(async () => {
      for (const guess of ['guess-1', 'guess-2', undefined]) await attempt('10.0.0.1', guess);
    });

    it('answers the right token 429 as a wrong one, without checking either', async () => {
      checked = [];
      expect(await attempt('10.0.0.1', RIGHT)).toBe(429);
      expect(await attempt('10.0.0.1', 'guess-4')).toBe(429);
      expect(checked).toEqual([]);
    });

    it('lets it try again once the window has passed', async () => {
      clock += 60_001;
      expect(await attempt('10.0.0.1', RIGHT)).toBe(200);
    });

    it('does not limit another address', async () => {
      expect(await attempt('10.0.0.2', RIGHT)).toBe(200);
    });
  });

  describe('when a token that authenticated before shares an address with a flood of guesses', () => {
    it('still lets it in: it is limited per principal, not by its address', async () => {
      expect(await attempt('10.0.0.9', RIGHT)).toBe(200);
      for (let i = 0; i < 10; i++) await attempt('10.0.0.9', `guess-${i}`);
      expect(await attempt('10.0.0.9', 'guess-x')).toBe(429);
      expect(await attempt('10.0.0.9', RIGHT)).toBe(200);
    });
  });

  describe('when one token id is guessed from many addresses', () => {
    it('limits the token id itself', async () => {
      const id = 'bl_0123456789abcdef';
      for (let i = 0; i < 3; i++) await attempt(`10.0.1.${i}`, `${id}.${'a'.repeat(42)}${i}`);
      expect(await attempt('10.0.2.1', `${id}.${'b'.repeat(43)}`)).toBe(429);
      expect(prefixOf(`${id}.${'b'.repeat(43)}`)).toBe(id);
    });
  });
});
