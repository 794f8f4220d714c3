import fc from 'fast-check';
import { hostileBodies, hostileVariantsOf } from '../support/hostile-bodies';
import { startApp, type RunningApp } from '../support/in-process-app';
import { ledgerHead } from '../support/ledger-head';
import { PROBLEM_TYPE } from '../support/problem-assertions';
import { recordFixtures } from './fixtures';
import { endpoint, type Fixtures } from './write-endpoints';

const TARGETS = [
  'POST /incidents',
  'POST /investigations/{id}/findings',
  'POST /investigations/{id}/namings',
  'POST /decisions',
  'POST /contingents/{id}/evaluations',
  'POST /missions/{code}/leaders',
  'POST /contingents/{id}/withdrawal',
  'POST /investigations/{id}/national-investigator',
].map(endpoint);

describe('Random bodies posted to write endpoints', () => {
  let running: RunningApp;
  let f: Fixtures;

  beforeAll(async () => {
    running = await startApp();
    f = await recordFixtures(running.client);
  });

  afterAll(async () => {
    await running?.close();
  });

  /**
   * Any JSON at all, or the endpoint's own fields each holding either its valid value or any
   * JSON, so that validation is reached past the first missing field; and hostile texts: deep,
   * wide, with lone surrogates and controls, repeated members, prototype names.
   */
  const bodyFor = (index: number): fc.Arbitrary<string> => {
    const valid = TARGETS[index].valid(f);
    const fields = Object.fromEntries(
      Object.entries(valid).map(([key, value]) => [
        key,
        fc.oneof(fc.constant(value), fc.jsonValue()),
      ]),
    );
    return fc.oneof(
      fc.jsonValue().map((body) => JSON.stringify(body)),
      fc.record(fields, { requiredKeys: [] }).map((body) => JSON.stringify(body)),
      fc.dictionary(fc.string(), fc.jsonValue()).map((body) => JSON.stringify(body)),
      hostileBodies,
      hostileVariantsOf(valid as Record<string, unknown>),
    );
  };

  const request = fc
    .integer({ min: 0, max: TARGETS.length - 1 })
    .chain((index) => bodyFor(index).map((body) => ({ index, body })));

  it('never answers 5xx, and a 4xx answer is a problem that leaves the ledger as it was', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ index, body }) => {
        const target = TARGETS[index];
        const before = await ledgerHead(running.client);
        const response = await running.client.as(target.as).postRaw(target.path(f), body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.contentType).toMatch(/^application\/problem\+json/);
          expect((response.body as { type: string }).type).toMatch(PROBLEM_TYPE);
          expect(await ledgerHead(running.client)).toBe(before);
        }
      }),
      { numRuns: 120 },
    );
  });
});
