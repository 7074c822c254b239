// One rung of `npm run bench:floor` (bench/floor.mjs): the health probe's answer served by less
// than the whole application, so that the cost of each layer of the stack can be told apart.
// BENCH_FLOOR_STEP names the rung (STEPS below). Speaks the bench's IPC protocol (bench/lib/
// child.mjs): { type: 'ready', port } when listening, { type: 'cpu' } answered with the process's
// CPU time, { type: 'stop' } closes it.
//
// Every rung answers GET /api/v1/health/live with the app's JSON; the "+ headers" rungs also send
// the headers the app sends with it: its security headers (dist/common/http/security-headers.js,
// the same object), a fresh X-Request-Id, and Vary: Origin (CORS configured, no Origin sent).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEALTH_PATH as PATH } from './lib/callgrind.mjs';
import { serveChild } from './lib/serve-child.mjs';

const require = createRequire(import.meta.url);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { API_HEADERS } = require(path.join(DIST, 'common/http/security-headers.js'));

const BODY = { status: 'ok' };
const HEADERS = { ...API_HEADERS, vary: 'Origin' };

/** node:http writing the answer itself, as the bench's baseline does (bench/baseline-server.mjs). */
function nodeHttp(withHeaders) {
  const server = http.createServer((req, res) => {
    if (req.url !== PATH) return void res.writeHead(404).end();
    const body = JSON.stringify(BODY);
    const head = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };
    res.writeHead(200, withHeaders ? { ...HEADERS, 'x-request-id': randomUUID(), ...head } : head);
    res.end(body);
  });
  server.keepAliveTimeout = 72_000; // Fastify's default
  return {
    listen: () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The headers set as the app sets them: in the first request hook, through Fastify's reply. */
function setHeaders(request, reply, done) {
  reply.headers(HEADERS).header('x-request-id', request.id);
  done();
}

/** Fastify, the copy Nest's adapter uses, with one route and nothing else. */
async function fastify(withHeaders) {
  const adapterRequire = createRequire(require.resolve('@nestjs/platform-fastify'));
  const Fastify = adapterRequire('fastify');
  const app = Fastify({ logger: false, genReqId: () => randomUUID() });
  if (withHeaders) app.addHook('onRequest', setHeaders);
  app.get(PATH, () => BODY);
  return {
    listen: async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return app.server.address().port;
    },
    close: () => app.close(),
  };
}

/** NestJS 12 on its Fastify adapter: one module, one controller, no guard, pipe, filter or logger. */
async function nest(withHeaders) {
  const { Controller, Get, Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  class HealthController {
    live() {
      return BODY;
    }
  }
  const live = Object.getOwnPropertyDescriptor(HealthController.prototype, 'live');
  Reflect.decorate([Get('live')], HealthController.prototype, 'live', live);
  Reflect.decorate([Controller('health')], HealthController);
  class FloorModule {}
  Reflect.decorate([Module({ controllers: [HealthController] })], FloorModule);
  const adapter = new FastifyAdapter({ logger: false, genReqId: () => randomUUID() });
  if (withHeaders) adapter.setOnRequestHook(setHeaders);
  const app = await NestFactory.create(FloorModule, adapter, { logger: false });
  app.setGlobalPrefix('api/v1');
  return {
    listen: async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return app.getHttpServer().address().port;
    },
    close: () => app.close(),
  };
}

export const STEPS = {
  'node:http': () => nodeHttp(false),
  'node:http + headers': () => nodeHttp(true),
  fastify: () => fastify(false),
  'fastify + headers': () => fastify(true),
  nest: () => nest(false),
  'nest + headers': () => nest(true),
};

const step = process.env.BENCH_FLOOR_STEP;
if (step !== undefined) {
  await serveChild(async () => {
    if (!STEPS[step]) throw new Error(`unknown step ${JSON.stringify(step)}; one of ${Object.keys(STEPS).join(', ')}`);
    const server = await STEPS[step]();
    return { port: await server.listen(), close: () => server.close() };
  });
}
