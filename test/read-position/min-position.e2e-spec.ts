import {
  incidentReport,
  registerMissionAndContingent,
} from '../reliability/support/ledger-fixtures';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { expectProblem } from '../support/problem-assertions';

/**
 * `Ledger-Min-Position` over HTTP on one instance (the embedded store): what it accepts, what
 * it refuses, and `Ledger-Position` on the answers. Across instances, and the 503 past the
 * wait: test/postgres/read-your-writes-across-instances.e2e-spec.ts.
 */
describe('Ledger-Min-Position on one instance', () => {
  let running: RunningApp;
  let investigator: LedgerClient;
  let written: { id: string; position: number };

  beforeAll(async () => {
    running = await startApp();
    investigator = running.client.as('investigator');
    const contingentId = await registerMissionAndContingent(running.client);
    written = await investigator.create('/incidents', incidentReport(contingentId, 'Ambush'));
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers a read asked for the position of a write, saying a position at least as far', async () => {
    const answer = await investigator.get(`/incidents/${written.id}`, {
      'Ledger-Min-Position': String(written.position),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.incidentId).toBe(written.id);
    expect(Number(answer.headers.get('ledger-position'))).toBeGreaterThanOrEqual(written.position);
  });

  it('says Ledger-Position on every read from the read models, asked or not, errors too', async () => {
    for (const path of ['/incidents', `/incidents/${written.id}/timeline`, '/health', '/audit']) {
      const answer = await investigator.get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(Number(answer.headers.get('ledger-position'))).toBe(written.position);
    }
    const unknown = await investigator.get('/incidents/0190d5a4-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(Number(unknown.headers.get('ledger-position'))).toBe(written.position);
  });

  it('refuses a position beyond the head of the store, naming the header', async () => {
    const refused = await investigator.get('/incidents', {
      'Ledger-Min-Position': String(written.position + 1),
    });
    const problem = expectProblem(refused, {
      status: 400,
      code: 'position_beyond_head',
      field: 'Ledger-Min-Position',
    });
    expect(problem).toMatchObject({
      minPosition: written.position + 1,
      headPosition: written.position,
    });
  });

  it.each(['soon', '-3', '2.0', ' ', '1,2', '0x1F', '99999999999999999999'])(
    'refuses %p, not a position, with a 400 naming the header',
    async (value) => {
      const refused = await investigator.get('/incidents', { 'Ledger-Min-Position': value });
      expectProblem(refused, {
        status: 400,
        code: 'validation_failed',
        field: 'Ledger-Min-Position',
      });
    },
  );

  it('refuses it on a web page too, as a page', async () => {
    const refused = await running.client.get('/ui/sign-in', { 'Ledger-Min-Position': 'soon' });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^text\/html/);
  });
});
