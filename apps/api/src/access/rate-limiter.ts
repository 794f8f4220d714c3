import { Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ProblemException } from '../problems/problem.exception';

/**
 * Fixed-window request counts per key (a principal, or an address without valid credentials),
 * kept by @nestjs/throttler's storage. Over the limit: 429 with Retry-After.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly storage: ThrottlerStorageService) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (limit <= 0) return;
    const ttl = windowSeconds * 1000;
    const record = await this.storage.increment(key, ttl, limit, ttl, 'default');
    if (record.isBlocked) {
      const retryAfter = Math.max(1, Math.ceil(record.timeToBlockExpire));
      throw new ProblemException(
        429,
        'rate_limited',
        `Too many requests; retry after ${retryAfter} s.`,
        [],
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}
