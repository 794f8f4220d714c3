import { applyDecorators, Controller, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter';

/**
 * A web page's controller: under /ui, HTML errors instead of problem+json (a missing session
 * goes to the sign-in page), kept out of the OpenAPI description, never cached.
 */
export const PageController = (path: string) =>
  applyDecorators(
    Controller(path === '' ? 'ui' : `ui/${path}`),
    UseFilters(PageExceptionFilter),
    ApiExcludeController(),
  );

/** A handler answering HTML. */
export const Html = () => Header('Content-Type', 'text/html; charset=utf-8');
