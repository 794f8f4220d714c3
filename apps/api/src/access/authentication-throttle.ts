import { parseToken } from '@blue-ledger/access';
import { createHash } from 'node:crypto';
import { ProblemException } from '../problems/problem.exception';
import { FailureCounter } from './failure-counter';

/** How long a token that authenticated is trusted to be honest, whatever its address does. */
const KNOWN_GOOD_MS = 24 * 60 * 60 * 1000;
const MAX_KNOWN_GOOD = 10_000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64');

/**
 * Failed authentications, counted per address and per token prefix (the id of a `bl_<id>.…`
 * token; the first characters of any other), in the same window as the rate limits. Once an
 * address or a prefix is over the limit, every token sent from it or with it is answered 429
 * without being checked at all, the right one as a wrong one: nothing in the status, the body
 * or the time taken tells them apart. A token that authenticated before is remembered (by its
 * digest) as honest: it is limited per principal from then on, not by what else its address
 * sends, so a flood of guesses from a shared address does not lock its honest users out.
 */
export class AuthenticationThrottle {
  private readonly failures: FailureCounter;
  private readonly knownGood = new Map<string, number>();

  constructor(
    limit: number,
    windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.failures = new FailureCounter(limit, windowSeconds * 1000, 100_000, now);
  }

  /**
   * The principal `check` finds for `token`, or a problem: 401 for no or a wrong token, 429
   * (and no check) while the address or the token's prefix is limited.
   */
  async authenticate<P>(
    address: string,
    token: string | undefined,
    check: (token: string) => Promise<P | undefined>,
  ): Promise<P> {
    const keys = [`address:${address}`, ...(token ? [`prefix:${prefixOf(token)}`] : [])];
    const honest = token !== undefined && this.isKnownGood(token);
    if (!honest) {
      const waitMs = Math.max(...keys.map((key) => this.failures.limitedFor(key)));
      if (waitMs > 0) throw limited(waitMs);
    }
    if (token === undefined) {
      keys.forEach((key) => this.failures.fail(key));
      throw new ProblemException(401, 'unauthenticated', 'Send Authorization: Bearer <token>.');
    }
    const principal = await check(token);
    if (principal === undefined) {
      keys.forEach((key) => this.failures.fail(key));
      throw new ProblemException(401, 'unauthenticated', 'The token is not valid.');
    }
    this.remember(token);
    return principal;
  }

  private isKnownGood(token: string): boolean {
    const until = this.knownGood.get(digest(token));
    return until !== undefined && until > this.now();
  }

  private remember(token: string): void {
    const key = digest(token);
    this.knownGood.delete(key);
    if (this.knownGood.size >= MAX_KNOWN_GOOD) {
      this.knownGood.delete(this.knownGood.keys().next().value as string);
    }
    this.knownGood.set(key, this.now() + KNOWN_GOOD_MS);
  }
}

/** What failures of one token are counted under: its id for the ledger's tokens. */
export function prefixOf(token: string): string {
  const parsed = parseToken(token);
  return parsed ? `bl_${parsed.tokenId}` : `other:${token.slice(0, 6)}`;
}

function limited(waitMs: number): ProblemException {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new ProblemException(
    429,
    'rate_limited',
    `Too many requests; retry after ${retryAfter} s.`,
    [],
    { 'Retry-After': String(retryAfter) },
  );
}
