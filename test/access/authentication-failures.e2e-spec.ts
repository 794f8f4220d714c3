import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process';
import { principals } from '../support/principals';

interface Answer {
  status: number;
  type?: string;
  detail?: string;
  retryAfter?: string;
}

/**
 * Two answers alike in everything a client could tell a right token by: status, type, detail and
 * Retry-After, whose whole seconds may tick between two requests (both count down the same window).
 */
function expectIndistinguishable(right: Answer, wrong: Answer): void {
  const seconds = (answer: Answer) => Number(answer.retryAfter);
  const withoutSeconds = ({ retryAfter: _, ...answer }: Answer) => ({
    ...answer,
    detail: answer.detail?.replace(/\d+ s\b/, 'N s'),
  });
  expect(withoutSeconds(right)).toEqual(withoutSeconds(wrong));
  expect(Math.abs(seconds(right) - seconds(wrong))).toBeLessThanOrEqual(1);
}

describe('Failed authentications', () => {
  let dataDir: string;
  let ledger: LedgerProcess;
  let port: number;

  /** A GET from a loopback address of our choice, as a client on another machine would send it. */
  const from = (address: string, token: string | undefined, route = '/missions') =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: route,
          localAddress: address,
          headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += String(chunk)));
          response.on('end', () => {
            const body = text ? (JSON.parse(text) as { type?: string; detail?: string }) : {};
            resolve({
              status: response.statusCode ?? 0,
              type: body.type,
              detail: body.detail,
              retryAfter: response.headers['retry-after'] as string | undefined,
            });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-auth-'));
    // The longest window: a slow or paused machine must not see a window end in the middle of a
    // test (counts are per fixed window from the first failure).
    ledger = await startLedgerProcess(dataDir, {
      LEDGER_RATE_LIMIT_ANONYMOUS: '5',
      LEDGER_RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
    port = Number(new URL(ledger.client.baseUrl).port);
  });

  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a configured token 429, as a wrong one, once its address has guessed too often', async () => {
    const guesses = [];
    for (let i = 0; i < 5; i++)
      guesses.push((await from('127.0.0.2', `guess-token-${i}-0123456789`)).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401]);
    const right = await from('127.0.0.2', principals.oversight.token);
    const wrong = await from('127.0.0.2', 'guess-token-x-0123456789');
    expectIndistinguishable(right, wrong);
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(right.type).toBe('urn:blue-ledger:problem:rate_limited');
    // Another address is not limited by it.
    expect((await from('127.0.0.3', principals.oversight.token)).status).toBe(200);
  });

  it('limits a token id guessed from many addresses, whichever address asks next', async () => {
    const created = await ledger.client
      .as('admin')
      .post('/principals', { id: 'guessed', name: 'Guessed', roles: ['reviewer'] });
    const token = created.body.token as string;
    const id = token.slice(0, token.indexOf('.'));
    for (let i = 0; i < 5; i++) {
      expect((await from(`127.0.1.${i + 1}`, `${id}.${'A'.repeat(42)}${i}`)).status).toBe(401);
    }
    const right = await from('127.0.2.1', token);
    const wrong = await from('127.0.2.2', `${id}.${'B'.repeat(43)}`);
    expectIndistinguishable(right, wrong);
    expect(right.status).toBe(429);
  });

  it('does not lock out an honest token that authenticated before its address was flooded', async () => {
    const honest = principals.reviewer.token;
    expect((await from('127.0.3.1', honest)).status).toBe(200);
    const flood = [];
    for (let i = 0; i < 20; i++) flood.push((await from('127.0.3.1', undefined)).status);
    expect(flood.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(flood.slice(5).every((status) => status === 429)).toBe(true);
    expect((await from('127.0.3.1', honest)).status).toBe(200);
    expect((await from('127.0.3.1', honest, '/audit?limit=1')).status).toBe(200);
  });
});
