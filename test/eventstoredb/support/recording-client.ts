import { LedgerClient, type HttpResponse } from '../../support/http-client';
import { principals, type PrincipalName } from '../../support/principals';
import { readModelsAt } from '../../support/read-models';

/** One request of a story and the answer it got. */
export interface Exchange {
  method: string;
  path: string;
  body?: unknown;
  status?: number;
  response?: unknown;
}

export interface RecordingOptions {
  /**
   * After each write, wait until `GET /health` says the read models have applied it, as the
   * README tells clients of an API with external projections to do.
   */
  readYourWrites?: boolean;
}

const READ_MODELS_WAIT_MS = 10_000;

/**
 * A LedgerClient that writes down every request and its answer, in the order the story sent
 * them (answers to concurrent requests may arrive in any order; their slots do not move).
 */
export class RecordingLedgerClient extends LedgerClient {
  constructor(
    baseUrl: string,
    private readonly exchanges: Exchange[],
    private readonly options: RecordingOptions = {},
    token?: string,
  ) {
    super(baseUrl, token);
  }

  override as(name: PrincipalName): LedgerClient {
    return this.withToken(principals[name].token);
  }

  override withToken(token: string | undefined): LedgerClient {
    return new RecordingLedgerClient(this.baseUrl, this.exchanges, this.options, token);
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
    const position = (response.body as { position?: unknown } | null)?.position;
    if (this.options.readYourWrites && response.status < 300 && typeof position === 'number') {
      await readModelsAt(new LedgerClient(this.baseUrl), position, {
        timeoutMs: READ_MODELS_WAIT_MS,
        pollMs: 10,
      });
    }
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
