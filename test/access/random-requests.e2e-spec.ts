import fc from 'fast-check';
import { recordFixtures } from '../bad-input/fixtures';
import { hostileBodies, hostileVariantsOf } from '../support/hostile-bodies';
import { ledgerHead } from '../support/ledger-head';
import { startApp, type RunningApp } from '../support/in-process-app';
import { principals, type PrincipalName } from '../support/principals';
import { PROBLEM_TYPE } from '../support/problem-assertions';
import { appRoutes } from './app-routes';
import {
  bodyOf,
  CATCH_ALL_ROUTE,
  PAGE_ROUTE,
  DOCUMENTATION_ROUTE,
  pathOf,
  type AccessFixtures,
} from './route-requests';

describe('Random requests to every write endpoint', () => {
  let running: RunningApp;
  let f: AccessFixtures;
  let writes: string[];

  beforeAll(async () => {
    running = await startApp({ LEDGER_RATE_LIMIT_ANONYMOUS: '100000' });
    f = {
      ...(await recordFixtures(running.client)),
      managedPrincipalId: 'random-target',
      subjectId: 'subject-random',
    };
    await running.client
      .as('admin')
      .post('/principals', { id: 'random-target', name: 'Target', roles: ['reviewer'] });
    writes = appRoutes(running.app).filter(
      (r) =>
        !r.startsWith('GET ') &&
        !DOCUMENTATION_ROUTE.test(r) &&
        !CATCH_ALL_ROUTE.test(r) &&
        !PAGE_ROUTE.test(r),
    );
  });

  afterAll(async () => {
    await running?.close();
  });

  /** What a refused request must leave as it was: the ledger's head and the principals. */
  const state = async () => ({
    head: await ledgerHead(running.client),
    principals: JSON.stringify((await running.client.as('admin').get('/principals')).body),
  });

  const authorization = fc.oneof(
    fc
      .constantFrom(...(Object.keys(principals) as PrincipalName[]))
      .map((name) => `Bearer ${principals[name].token}`),
    fc.string().map((s) => `Bearer ${s}`),
    fc.string(),
    fc.constant('Bearer bl_0123456789abcdef.' + 'A'.repeat(43)),
    fc.constant('Bearer a.b.c'),
  );
  const headers = fc.record(
    {
      authorization,
      'if-match': fc.oneof(fc.string(), fc.nat().map(String)),
      'idempotency-key': fc.string({ minLength: 1, maxLength: 300 }),
      'x-correlation-id': fc.string({ maxLength: 200 }),
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', ''),
    },
    { requiredKeys: ['authorization'] },
  );
  const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 }), fc.constant('..'));
  const body = (route: string) =>
    fc.oneof(
      fc.constant(JSON.stringify(bodyOf(route, f) ?? {})),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
      hostileBodies,
      hostileVariantsOf((bodyOf(route, f) ?? {}) as Record<string, unknown>),
    );
  const request = fc.integer({ min: 0, max: 1000 }).chain((i) => {
    const route = writes[i % writes.length];
    return fc.record({
      route: fc.constant(route),
      params: fc.array(fc.option(id, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      headers,
      body: body(route),
    });
  });

  it('never answers 5xx, and a refusal is a problem that changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, headers: sent, body: raw }) => {
        let index = 0;
        const [method, pattern] = route.split(' ');
        const realPath = pathOf(route, f).split('/');
        const path = pattern
          .split('/')
          .map((segment, i) => {
            if (!segment.startsWith(':')) return segment;
            const random = params[index++];
            return random === undefined ? realPath[i] : encodeURIComponent(random);
          })
          .join('/');
        const before = await state();
        const response = await running.client.withToken(undefined).request(method, path, raw, {
          ...Object.fromEntries(
            Object.entries(sent).map(([k, v]) => [k, String(v).replace(/[^\x20-\x7e]/g, '')]),
          ),
        });
        const expected = [200, 201, 400, 401, 403, 404, 409, 413, 415, 422];
        expect({ route, path, status: response.status, expected: true }).toEqual({
          route,
          path,
          status: response.status,
          expected: expected.includes(response.status),
        });
        if (response.status >= 400) {
          expect(response.contentType).toMatch(/^application\/problem\+json/);
          expect((response.body as { type: string }).type).toMatch(PROBLEM_TYPE);
          expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
          expect(await state()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    // 300 requests, each with the ledger's state read before and after: 12 s here, alone or
    // beside three CPU hogs; a CI run shares the machine with a browser suite besides.
  }, 300_000);
});
