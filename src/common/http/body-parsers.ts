import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors/app-error';
import { closeUnlessBodyRead } from './connection';
import { MAX_JSON_DEPTH, pathsWithNul, scanJson } from './json-scan';

const JSON_ONLY = ['application/json'] as const;
const FORM = 'application/x-www-form-urlencoded';
const FORM_ONLY = [FORM] as const;

/**
 * A route whose body is handed to it as a stream, unparsed, when sent as one of `types` (a scan
 * upload); every other route takes JSON only. Also documents the body in OpenAPI.
 */
export function StreamedBody(...types: string[]) {
  return applyDecorators(RouteConfig({ streamedBody: types }), ApiConsumes(...types), ApiBody({ schema: { type: 'string', format: 'binary' } }));
}

/**
 * A route that takes an HTML form (`application/x-www-form-urlencoded`, parsed into an object of
 * strings) and nothing else: the public complaint page, which works without JavaScript.
 */
export function FormBody() {
  return RouteConfig({ formBody: true });
}

function isFormRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { formBody?: boolean } | undefined)?.formBody === true;
}

function streamedTypes(request: FastifyRequest): readonly string[] | undefined {
  return (request.routeOptions.config as { streamedBody?: readonly string[] } | undefined)?.streamedBody;
}

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The only body parsers: JSON for every route but the streamed ones, and the stream for those
 * (and an HTML form for the few routes marked FormBody).
 * Anything else (a form, text, a PDF sent to a JSON route, JSON sent to an upload) is 415, telling
 * what the route takes. A JSON body must be an object, nest at most MAX_JSON_DEPTH levels (deeper
 * ones overflow the stack of the validators) and hold no NUL character (PostgreSQL cannot store it
 * in text), all decided before any handler runs.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, text, done) => {
    const streamed = streamedTypes(request);
    if (streamed) return done(CommonErrors.unsupportedMediaType(streamed), undefined);
    if (isFormRoute(request)) return done(CommonErrors.unsupportedMediaType(FORM_ONLY), undefined);
    const scan = scanJson(text as string);
    if (scan.tooDeep) return done(CommonErrors.bodyTooDeep(MAX_JSON_DEPTH), undefined);
    parseJson(request, text as string, (error: Error | null, body?: unknown) => {
      if (error) return done(error, undefined);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return done(CommonErrors.bodyNotObject(), undefined);
      const withNul = scan.hasNul ? pathsWithNul(body) : [];
      if (withNul.length) return done(CommonErrors.nulCharacter(withNul), undefined);
      done(null, body);
    });
  });
  // a streamed route may answer before it has read the body (a scan over the size cap): then the
  // connection is closed; every other route has its body read in full before its handler runs
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { streamedBody?: unknown } | undefined)?.streamedBody) route.onSend = [closeUnlessBodyRead, ...[route.onSend ?? []].flat()];
  });
  // an HTML form, on the routes that take one (FormBody); a value with a NUL is refused as in JSON
  fastify.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit }, (request, text, done) => {
    if (!isFormRoute(request)) return done(CommonErrors.unsupportedMediaType(streamedTypes(request) ?? JSON_ONLY), undefined);
    const body = Object.fromEntries(new URLSearchParams(text as string));
    const withNul = Object.keys(body).filter((k) => k.includes('\u0000') || body[k].includes('\u0000'));
    if (withNul.length) return done(CommonErrors.nulCharacter(withNul.map((k) => k.split('\u0000').join(''))), undefined);
    done(null, body);
  });
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const streamed = streamedTypes(request);
    if (streamed?.includes(mediaTypeOf(request))) return done(null, payload);
    done(CommonErrors.unsupportedMediaType(isFormRoute(request) ? FORM_ONLY : (streamed ?? JSON_ONLY)), undefined);
  });
}
