import type { HttpResponse, LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { refusedWithoutChange } from '../support/ledger-head';
import { expectProblem } from '../support/problem-assertions';
import { badRequestTables, type BadRequest, type Sender } from './bad-requests';
import { recordFixtures } from './fixtures';
import type { Fixtures } from './write-endpoints';

/**
 * Bad requests to the write endpoints (and reads with a bad query string), table by table: each is refused with the right status and
 * an application/problem+json body naming what is wrong, and the ledger's head does not move.
 */
describe('Bad input', () => {
  let running: RunningApp;
  const f = {} as Fixtures;

  beforeAll(async () => {
    running = await startApp();
    Object.assign(f, await recordFixtures(running.client));
  });

  afterAll(async () => {
    await running?.close();
  });

  const clientFor = (sender: Sender): LedgerClient =>
    typeof sender === 'string' ? running.client.as(sender) : running.client.withToken(sender.token);

  const send = (request: BadRequest): Promise<HttpResponse> => {
    const client = clientFor(request.as);
    const path = request.path(f);
    if (request.method === 'GET') return client.get(path);
    if (request.raw !== undefined) return client.postRaw(path, request.raw, request.headers);
    return client.post(path, request.body?.(f), request.headers);
  };

  const refuses = async (request: BadRequest) => {
    const response = await refusedWithoutChange(running.client, () => send(request));
    const problem = expectProblem(response, {
      status: request.status,
      code: request.code,
      field: request.field,
    });
    for (const word of request.detailMentions ?? []) expect(problem.detail).toContain(word);
  };

  describe.each(badRequestTables)('%s, and changes nothing', (_title, requests) => {
    it.each(requests.map((request) => [request.name, request] as const))(
      '%s',
      async (_name, request) => {
        await refuses(request);
      },
    );
  });
});
