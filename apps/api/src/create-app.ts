import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { LedgerConfig } from '@blue-ledger/runtime';
import { jsonBodyParser } from './http/json-body/json-body-parser';
import { noStore } from './http/no-store';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { createValidationPipe } from './problems/validation.pipe';
import { documentReadPosition } from './read-position/read-position.openapi';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole application; `main` listens, tests too (over real HTTP). */
export async function createApp(config: LedgerConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    // A provider that cannot start (e.g. a ConfigurationError) reaches `main`, which says why.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.use(noStore);
  app.use(jsonBodyParser({ maxBytes: BODY_LIMIT_BYTES }));
  app.disable('x-powered-by');
  app.use(helmet());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Blue Ledger')
    .setDescription(
      'An append-only accountability and incident ledger for UN peacekeeping: incidents, investigations, findings, namings, recommendations and repatriation decisions as events.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = documentReadPosition(SwaggerModule.createDocument(app, openApi));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
