import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import * as path from 'node:path';
import type { LayoutContext } from '../layout/layout-context';
import { format } from './format';

/** The pages' folder: each page's templates sit beside its controller (copied into dist on build). */
export const PAGES_DIR = path.resolve(__dirname, '..');

/**
 * Server-side rendering with Eta: every interpolation `<%= %>` is HTML-escaped; no template
 * builds HTML from strings, and nothing the ledger holds is ever written raw. Each page
 * template names the shared layout, which frames it with where you are and who you are.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({
    views: PAGES_DIR,
    autoEscape: true,
    cache: process.env.NODE_ENV !== 'development',
    autoTrim: [false, 'nl'],
  });

  render(template: string, layout: LayoutContext, model: object): string {
    return this.eta.render(`/${template}`, { ...model, page: layout, fmt: format });
  }
}
