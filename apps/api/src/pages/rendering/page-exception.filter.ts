import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException, type FieldError } from '../../problems/problem.exception';
import { layoutFor } from '../layout/layout-context';
import { Csrf } from '../security/csrf';
import { PageRenderer } from './page-renderer';

const TITLES: Record<number, string> = {
  400: 'This address asks for something the ledger cannot read',
  403: 'Not permitted',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Refused by the rules of the ledger',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Not available',
};

/** Only a path of the pages themselves is a place to return to after signing in. */
export const safeNext = (next: unknown): string | undefined =>
  typeof next === 'string' &&
  /^\/ui(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(next) &&
  !next.startsWith('//')
    ? next
    : undefined;

/**
 * Errors of the web pages, as pages: no session (or an ended one) goes to the sign-in page and
 * back; everything else is a page saying what is wrong, in the layout, with the same status
 * code the JSON API would answer. Error details never include stack traces.
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, detail, errors, headers } = problemOf(exception);
    if (status >= 500) this.logger.error(exception);
    if (status === 401) {
      const next = request.method === 'GET' ? safeNext(request.originalUrl) : undefined;
      const query = new URLSearchParams({
        reason: code === 'session_ended' ? 'ended' : 'required',
      });
      if (next) query.set('next', next);
      response.redirect(303, `/ui/sign-in?${query.toString()}`);
      return;
    }
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const title =
      code === 'csrf_failed' ? 'This form could not be accepted' : (TITLES[status] ?? 'Error');
    const layout = layoutFor(request, response, this.csrf, { title, section: 'none' });
    const html = this.renderer.render('not-found/error', layout, {
      status,
      code,
      detail,
      errors,
      back:
        request.method === 'GET'
          ? undefined
          : safeNext(request.get('referer')?.replace(/^https?:\/\/[^/]+/, '')),
    });
    response.status(status).type('text/html; charset=utf-8').send(html);
  }
}

function problemOf(exception: unknown): {
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  headers: Record<string, string>;
} {
  if (exception instanceof ProblemException) {
    return {
      status: exception.getStatus(),
      code: exception.code,
      detail: exception.detail,
      errors: exception.errors,
      headers: exception.headers,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      status,
      code: status === 404 ? 'not_found' : 'error',
      detail: status === 404 ? 'There is no page at this address.' : exception.message,
      errors: [],
      headers: {},
    };
  }
  return {
    status: 500,
    code: 'internal_error',
    detail:
      'The ledger could not show this page. Nothing was changed. The error is in the server log.',
    errors: [],
    headers: {},
  };
}
