import type { NextFunction, Request, Response } from 'express';

/** The OpenAPI description and its page: the same for everyone, so caches may keep them. */
const PUBLIC_DOCUMENTS = /^\/(?:docs(?:\/|$)|openapi\.json$)/;

/**
 * `Cache-Control: no-store` on every answer but the public documents: answers carry personal
 * details, a liaison's scoped view, or a principal's token, and no browser, proxy or shared
 * cache may keep a copy of them (set before the route runs, so that errors carry it too).
 */
export function noStore(request: Request, response: Response, next: NextFunction): void {
  if (!PUBLIC_DOCUMENTS.test(request.path)) response.setHeader('Cache-Control', 'no-store');
  next();
}
