import type { NextFunction, Request, Response } from 'express';

/**
 * The pages' Content-Security-Policy: everything from this origin only, no inline script, no
 * inline style, no plugins, no framing, forms only back to this origin. Nothing a page needs
 * comes from anywhere else, so a mission's closed network serves it whole.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers of every answer under /ui (after helmet's, which they tighten). */
export function pageHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', PAGE_CSP);
  // Pages show what a principal may see, personal details included: never kept by a cache.
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  next();
}
