/**
 * A browser's cookies and forms, as far as signing in, reading a page and signing out need
 * them, over plain fetch: the same visitor can send each request to another API instance.
 */
export class PageVisitor {
  private readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page read that had a form. */
  csrf = '';

  async fetch(baseUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Reads a page; keeps its CSRF token when it has one. */
  async read(baseUrl: string, path: string): Promise<Response & { html: string }> {
    const response = await this.fetch(baseUrl, path);
    const html = await response.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return Object.assign(response, { html });
  }

  /** Posts a form with the CSRF token of the last page read. */
  post(baseUrl: string, path: string, fields: Record<string, string> = {}): Promise<Response> {
    return this.fetch(baseUrl, path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
  }

  /** Another visitor holding the same cookies (a copy of this browser's cookie jar). */
  copy(): PageVisitor {
    const other = new PageVisitor();
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    other.csrf = this.csrf;
    return other;
  }

  has(cookie: string): boolean {
    return this.cookies.has(cookie);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
