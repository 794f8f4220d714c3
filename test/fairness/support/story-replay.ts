import * as path from 'node:path';
import { LedgerClient, type HttpResponse } from '../../support/http-client';
import { principals, type PrincipalName } from '../../support/principals';
import type { RunningApp } from '../../support/in-process-app';

/** One write of a story, as sent and as answered. */
export interface Write {
  path: string;
  body?: string;
  token?: string;
  headers: Record<string, string>;
  status: number;
  response: unknown;
}

/** A client that writes down every POST it sends and the answer it got, with its credentials. */
class WriteRecordingClient extends LedgerClient {
  constructor(
    baseUrl: string,
    private readonly writes: Write[],
    private readonly ownToken?: string,
  ) {
    super(baseUrl, ownToken);
  }

  override as(name: PrincipalName): LedgerClient {
    return this.withToken(principals[name].token);
  }

  override withToken(token: string | undefined): LedgerClient {
    return new WriteRecordingClient(this.baseUrl, this.writes, token);
  }

  override async request<T>(
    method: string,
    target: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const response = await super.request<T>(method, target, body, headers);
    if (method === 'POST') {
      this.writes.push({
        path: target,
        body,
        token: this.ownToken,
        headers,
        status: response.status,
        response: response.body,
      });
    }
    return response;
  }
}

const IN_PROCESS_APP = path.resolve(__dirname, '../../support/in-process-app');
type InProcessApp = typeof import('../../support/in-process-app');
// Loaded once, outside the isolated story modules (the app's decorators keep process-wide metadata).
const actual = jest.requireActual(IN_PROCESS_APP) as InProcessApp;
let collecting: Write[] | undefined;

// The factory runs when a story module requires the app, inside its isolated registry: it
// takes the list of the story being collected then.
jest.doMock(IN_PROCESS_APP, () => {
  const writes = collecting as Write[];
  return {
    ...actual,
    startApp: async (env: Record<string, string> = {}): Promise<RunningApp> => {
      const running = await actual.startApp(env);
      return { ...running, client: new WriteRecordingClient(running.client.baseUrl, writes) };
    },
  };
});

/**
 * Runs an end-to-end story file unchanged (its own expectations included) and keeps every
 * write it made, in order, to replay on another ledger.
 */
export function collectStoryWrites(storyFile: string): Write[] {
  const writes: Write[] = [];
  collecting = writes;
  jest.isolateModules(() => jest.requireActual(storyFile));
  return writes;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sends a story's successful writes again to `client`'s ledger, in order, each id the story's
 * ledger gave replaced by the one this ledger gives. A mission the ledger already holds (an
 * importer registered it) is not registered again. Throws on any other answer than the story got.
 */
export async function replayWrites(client: LedgerClient, writes: readonly Write[]): Promise<void> {
  const ids = new Map<string, string>();
  const mapped = (text: string) => text.replace(UUID, (id) => ids.get(id.toLowerCase()) ?? id);
  for (const write of writes) {
    if (write.status >= 300) continue;
    const response = await client
      .withToken(write.token)
      .request('POST', mapped(write.path), write.body && mapped(write.body), write.headers);
    if (write.path === '/missions' && response.status === 422) continue;
    if (response.status !== write.status) {
      throw new Error(
        `replaying POST ${write.path}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    learnIds(write.response, response.body, ids);
  }
}

/** Pairs the ids of a recorded answer with those of its replay, field by field. */
function learnIds(recorded: unknown, replayed: unknown, ids: Map<string, string>): void {
  if (typeof recorded === 'string' && typeof replayed === 'string') {
    if (IS_UUID.test(recorded) && IS_UUID.test(replayed)) ids.set(recorded.toLowerCase(), replayed);
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    recorded.forEach((item, i) => learnIds(item, replayed[i], ids));
    return;
  }
  if (recorded && replayed && typeof recorded === 'object' && typeof replayed === 'object') {
    const other = replayed as Record<string, unknown>;
    for (const [key, value] of Object.entries(recorded)) learnIds(value, other[key], ids);
  }
}
