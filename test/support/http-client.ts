import { principals, type PrincipalName } from './principals';

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  contentType: string | null;
}

/** A small client over real HTTP (Node's fetch) acting as one of the test principals. */
export class LedgerClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(name: PrincipalName): LedgerClient {
    return new LedgerClient(this.baseUrl, principals[name].token);
  }

  withToken(token: string | undefined): LedgerClient {
    return new LedgerClient(this.baseUrl, token);
  }

  get<T = any>(path: string, headers: Record<string, string> = {}): Promise<HttpResponse<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>(
      'POST',
      path,
      body === undefined ? undefined : JSON.stringify(body),
      headers,
    );
  }

  /** Sends a body exactly as given (malformed JSON, huge payloads). */
  postRaw<T = any>(
    path: string,
    raw: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>('POST', path, raw, headers);
  }

  async request<T>(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      body,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.token && { authorization: `Bearer ${this.token}` }),
        ...headers,
      },
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    let parsed: unknown = text;
    if (contentType?.includes('json') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, contentType };
  }

  /** Posts and insists on 201; returns the write response. */
  async create(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ id: string; streamId: string; revision: number; position: number }> {
    const response = await this.post(path, body, headers);
    if (response.status !== 201) {
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}
