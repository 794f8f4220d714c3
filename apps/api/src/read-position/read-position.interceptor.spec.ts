import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { ProjectionRunner } from '@blue-ledger/projections';
import { loadConfig } from '@blue-ledger/runtime';
import Database from 'better-sqlite3';
import { lastValueFrom, of } from 'rxjs';
import { proposedEvents } from '../../../../libs/event-store/src/testing/proposed-event';
import { countingProjection } from '../../../../libs/projections/src/testing/counting-projection';
import { InMemoryEventStore } from '../../../../libs/projections/src/testing/in-memory-event-store';
import { ProblemException } from '../problems/problem.exception';
import { ReadPositionInterceptor, type ReadPositionRequest } from './read-position.interceptor';

/** A request as Express gives it: method, path, headers; the answer's headers are kept. */
function exchange(path: string, headers: Record<string, string> = {}) {
  const request = {
    method: 'GET',
    path,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  } as unknown as ReadPositionRequest;
  const sent: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (sent[name] = value) };
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { request, sent, context };
}

const handler: CallHandler = { handle: () => of('the answer') };

describe('ReadPositionInterceptor', () => {
  let store: InMemoryEventStore;
  let runner: ProjectionRunner;
  let head: bigint;

  const interceptor = (readWaitMs: number) =>
    new ReadPositionInterceptor(runner, store, {
      ...loadConfig({}),
      readWaitMs,
    });

  beforeEach(() => {
    store = new InMemoryEventStore();
    runner = new ProjectionRunner(store, new Database(':memory:'), [countingProjection('seen')]);
    head = store.appendNow('incident-1', proposedEvents(3)).position;
  });

  afterEach(async () => {
    await runner.stop();
  });

  describe('without Ledger-Min-Position', () => {
    it('answers at once, saying the position its read models hold', async () => {
      await runner.start();
      const { sent, context } = exchange('/incidents');
      await expect(lastValueFrom(interceptor(5000).intercept(context, handler))).resolves.toBe(
        'the answer',
      );
      expect(sent['Ledger-Position']).toBe(String(head));
    });

    it('says no position while the read models hold none', async () => {
      const { sent, context } = exchange('/incidents');
      await lastValueFrom(interceptor(5000).intercept(context, handler));
      expect(sent['Ledger-Position']).toBeUndefined();
    });
  });

  describe('with Ledger-Min-Position', () => {
    it('waits for the runner to apply it, woken by the runner, then answers', async () => {
      const { sent, context } = exchange('/incidents', { 'Ledger-Min-Position': String(head) });
      const answer = lastValueFrom(interceptor(60_000).intercept(context, handler));
      let answered = false;
      void answer.then(() => (answered = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(answered).toBe(false);
      await runner.start();
      await expect(answer).resolves.toBe('the answer');
      expect(BigInt(sent['Ledger-Position'])).toBeGreaterThanOrEqual(head);
    });

    it('answers 503 read_models_behind past the wait, with both positions and Retry-After', async () => {
      const { context } = exchange('/incidents', { 'Ledger-Min-Position': String(head) });
      const refused = await lastValueFrom(interceptor(20).intercept(context, handler)).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ProblemException);
      const problem = refused as ProblemException;
      expect(problem.getStatus()).toBe(503);
      expect(problem.code).toBe('read_models_behind');
      expect(problem.headers['Retry-After']).toBe('1');
      expect(problem.extensions).toEqual({
        minPosition: Number(head),
        readModelsPosition: null,
      });
    });

    it('renders a page past the wait, marked as behind, instead of refusing it', async () => {
      const { request, context } = exchange('/ui/incidents', {
        'Ledger-Min-Position': String(head),
      });
      await expect(lastValueFrom(interceptor(20).intercept(context, handler))).resolves.toBe(
        'the answer',
      );
      expect(request.readBehind).toEqual({ asked: String(head), reached: null });
    });

    it('refuses a position beyond the head of the store at once, naming the header', async () => {
      const { context } = exchange('/incidents', { 'Ledger-Min-Position': String(head + 1n) });
      const refused = (await lastValueFrom(interceptor(60_000).intercept(context, handler)).catch(
        (error: unknown) => error,
      )) as ProblemException;
      expect(refused.getStatus()).toBe(400);
      expect(refused.code).toBe('position_beyond_head');
      expect(refused.errors.map((e) => e.field)).toEqual(['Ledger-Min-Position']);
    });

    it.each(['ten', '-1', '1.5', '', '1e3', '0x10', '12345678901234567890'])(
      'refuses %p with a 400 naming the header',
      async (value) => {
        await runner.start();
        const { context } = exchange('/incidents', { 'Ledger-Min-Position': value });
        expect(() => interceptor(5000).intercept(context, handler)).toThrow(
          expect.objectContaining({
            code: 'validation_failed',
            errors: [expect.objectContaining({ field: 'Ledger-Min-Position' })],
          }) as Error,
        );
      },
    );
  });

  describe("a page session's last write", () => {
    const pageOf = (lastWritePosition: bigint) => {
      const page = exchange('/ui/incidents');
      Object.assign(page.request, { lastWritePosition });
      return page;
    };

    it('is waited for like Ledger-Min-Position, and past the wait the page is marked behind', async () => {
      const { request, context } = pageOf(head);
      await expect(lastValueFrom(interceptor(20).intercept(context, handler))).resolves.toBe(
        'the answer',
      );
      expect(request.readBehind).toEqual({ asked: String(head), reached: null });
    });

    it('is not waited for when beyond the head (a store restored from an older backup)', async () => {
      await runner.start();
      const { request, context } = pageOf(head + 5n);
      // A wait would last the minute: the answer comes at once, not marked behind.
      await expect(lastValueFrom(interceptor(60_000).intercept(context, handler))).resolves.toBe(
        'the answer',
      );
      expect(request.readBehind).toBeUndefined();
    });
  });

  it('leaves writes alone, whatever they carry', async () => {
    const { request, sent, context } = exchange('/incidents', { 'Ledger-Min-Position': 'ten' });
    (request as { method: string }).method = 'POST';
    await expect(lastValueFrom(interceptor(5000).intercept(context, handler))).resolves.toBe(
      'the answer',
    );
    expect(sent).toEqual({});
  });
});
