import { LedgerClient, type HttpResponse } from '../../support/http-client';
import { principals, type PrincipalName } from '../../support/principals';

/** One request of a story and the answer it got. */
export interface Exchange {
  method: string;
  path: string;
  body?: unknown;
  status?: number;
  response?: unknown;
}

/**
 * A LedgerClient that writes down every request and its answer, in the order the story sent
 * them (answers to concurrent requests may arrive in any order; their slots do not move).
 */
export class RecordingLedgerClient extends LedgerClient {
  constructor(
    baseUrl: string,
    private readonly exchanges: Exchange[],
    token?: string,
  ) {
    super(baseUrl, token);
  }

  override as(name: PrincipalName): LedgerClient {
    return new RecordingLedgerClient(this.baseUrl, this.exchanges, principals[name].token);
  }

  override withToken(token: string | undefined): LedgerClient {
    return new RecordingLedgerClient(this.baseUrl, this.exchanges, token);
  }

  override async request<T>(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const exchange: Exchange = { method, path, body: parsed(body) };
    this.exchanges.push(exchange);
    const response = await super.request<T>(method, path, body, headers);
    exchange.status = response.status;
    exchange.response = response.body;
    return response;
  }
}

function parsed(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
