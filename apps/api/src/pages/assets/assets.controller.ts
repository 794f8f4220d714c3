import { Controller, Get, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import * as path from 'node:path';
import { PageExceptionFilter } from '../rendering/page-exception.filter';

const ASSETS_DIR = __dirname;

/** The pages' own style sheet and scripts, served by the app itself: no CDN, no external font. */
const ASSETS: Record<string, string> = {
  'site.css': 'text/css; charset=utf-8',
  'enhance.js': 'text/javascript; charset=utf-8',
  'event-proof.js': 'text/javascript; charset=utf-8',
  'merkle.js': 'text/javascript; charset=utf-8',
  'forms.css': 'text/css; charset=utf-8',
  'forms.js': 'text/javascript; charset=utf-8',
};

@Controller('ui/assets')
@UseFilters(PageExceptionFilter)
@ApiExcludeController()
export class AssetsController {
  @Get(':file')
  serve(@Param('file') file: string, @Res() response: Response): void {
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new NotFoundException();
    response.setHeader('Content-Type', type);
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(path.join(ASSETS_DIR, file));
  }
}
