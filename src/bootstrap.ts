import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream, Logger as PinoRootLogger } from 'pino';
import { mountQueueBoard, QUEUE_BOARD_PATH } from './access/queue-board';
import { AppModule } from './app.module';
import { COMPLAINT_PAGE_PATHS } from './complaints/public/page/page-paths';
import type { AppConfig } from './config/config';
import { answerFrameworkError } from './common/errors/problem.filter';
import { createValidationPipe } from './common/http/validation';
import { DOCS_PATH, setupOpenApi } from './common/http/openapi';
import { etagHook } from './common/http/etag';
import { registerBodyParsers } from './common/http/body-parsers';
import { nulInUrl } from './common/http/connection';
import { registerCors } from './common/http/cors';
import { htmlPages, responseHeaders } from './common/http/security-headers';
import { EmbeddedDatabase, startEmbeddedPostgres } from './infra/database/embedded-postgres';
import { runMigrations } from './infra/database/migrator';
import { configureQueueBackend } from './infra/queue/queue-connection';
import { createRootLogger, logRequest } from './infra/logging';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Makes sure there is a migrated database: the one in DATABASE_URL, or an embedded PostgreSQL
 * with its data in DATA_DIR/postgres. Returns the config with the URL filled in.
 */
export async function prepareDatabase(config: AppConfig, log: (m: string) => void): Promise<{ config: AppConfig; embedded?: EmbeddedDatabase }> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.database.embeddedPort,
      database: 'omsk_centre',
      log,
    });
    url = embedded.url;
    log(`embedded PostgreSQL on port ${config.database.embeddedPort}, data in ${path.join(config.dataDir, 'postgres')}`);
  }
  const result = await runMigrations(url);
  if (result.applied.length) log(`applied migrations: ${result.applied.join(', ')}`);
  return { config: { ...config, database: { ...config.database, url } }, embedded };
}

/**
 * The HTTP application with every global convention of the API (docs/http-api.md) applied. Not yet
 * listening. Logs go to stdout unless `logDestination` is given (tests read the lines from it), through
 * `logger` when given (main.ts keeps it, to flush it before exiting).
 */
export async function createHttpApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream; logger?: PinoRootLogger } = {},
): Promise<NestFastifyApplication> {
  configureQueueBackend(config);
  const logger = options.logger ?? createRootLogger(config, options.logDestination);
  const setHeaders = responseHeaders(htmlPages([DOCS_PATH, QUEUE_BOARD_PATH], [`${QUEUE_BOARD_PATH}/api`]));
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // no per-request lines of Fastify's own (the adapter's response hook below writes one line per
    // request); `request.log` binds the request id as `requestId`
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: config.http.bodyLimit,
    // which X-Forwarded-For to believe for client addresses (rate limits, audit): TRUST_PROXY
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    // a URL the router refuses before any hook (not valid percent-encoding, an over-long path
    // parameter) gets the headers of every answer, problem details and its request line
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      setHeaders(request, reply);
      if (config.http.corsOrigins.length) void reply.header('vary', 'Origin');
      reply.raw.once('finish', () => logRequest(request, reply));
      answerFrameworkError(error, request, reply);
    },
  });
  // The headers of every answer, and the request line, in the adapter's own first request and
  // response hooks: those run before Nest's other hooks (the shutdown 503, the check of the request
  // target, whose 404 skips every later request hook, and middie), so every answer carries them.
  adapter.setOnRequestHook((request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    setHeaders(request, reply);
    // PostgreSQL cannot store a NUL in text: refused here for the query and the path alike
    if (request.url.includes('%00')) return done(nulInUrl(request));
    done();
  });
  adapter.setOnResponseHook((request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    logRequest(request, reply);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // the body parsers are the application's own (registerBodyParsers): JSON and streamed scans only
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preSerialization', etagHook);
  registerBodyParsers(fastify, config.http.bodyLimit);
  await registerCors(app, config.http.corsOrigins);
  // the public complaint page keeps a short address for posters and QR codes: /complaint
  app.setGlobalPrefix(API_PREFIX, { exclude: COMPLAINT_PAGE_PATHS.map((path) => ({ path, method: RequestMethod.ALL })) });
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await mountQueueBoard(app);
  return app;
}
