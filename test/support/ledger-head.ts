import type { HttpResponse, LedgerClient } from './http-client';
import type { EventPage } from './ledger-views';

/** The global position of the last event (`/health`'s `headPosition`); null when the ledger is empty. */
export async function ledgerHead(client: LedgerClient): Promise<number | null> {
  const health = await client.get<{ headPosition: number | null }>('/health');
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
  return health.body.headPosition;
}

/** Sends a request that must be refused and checks that the ledger did not move because of it. */
export async function refusedWithoutChange(
  client: LedgerClient,
  send: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
  const before = await ledgerHead(client);
  const response = await send();
  expect({ headAfterRefusal: await ledgerHead(client) }).toEqual({ headAfterRefusal: before });
  return response;
}

/** The recording time of the last event of a stream, as a reader of its events sees it. */
export async function lastRecordedIn(reader: LedgerClient, streamId: string): Promise<string> {
  const stream = await reader.get<EventPage>(`/streams/${streamId}?limit=1000`);
  if (stream.status !== 200) throw new Error(`/streams/${streamId} answered ${stream.status}`);
  return stream.body.events.at(-1)!.recordedAt;
}
