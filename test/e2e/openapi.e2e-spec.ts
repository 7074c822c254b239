import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROBLEM_JSON = 'application/problem+json';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  summary?: string;
  'x-permission'?: unknown;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** Every operation of the document, named "METHOD /path" for readable failures. */
function operationsOf(doc: OpenAPIObject): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([route, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${route}`, item[m] as Operation]),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let operations: [string, Operation][];

  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.http).get('/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body as OpenAPIObject;
    operations = operationsOf(doc);
  });
  afterAll(() => t?.close());

  it('is served at /docs-json and is a valid OpenAPI document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('documents the API routes under /api/v1', () => {
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(['GET /api/v1/health/live', 'GET /api/v1/health/ready']));
  });

  it('gives every operation a unique operationId and a summary', () => {
    const missing = operations.filter(([, op]) => !op.operationId?.trim() || !op.summary?.trim()).map(([name]) => name);
    expect(missing).toEqual([]);
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the permission of every operation as x-permission', () => {
    const missing = operations.filter(([, op]) => typeof op['x-permission'] !== 'string' || !op['x-permission']).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('documents every 4xx and 5xx answer as application/problem+json', () => {
    expect(operations.filter(([, op]) => Object.keys(op.responses ?? {}).some((s) => /^[45]/.test(s))).length).toBeGreaterThan(0);
    const wrong = operations.flatMap(([name, op]) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => /^[45]/.test(status))
        .filter(([, response]) => !response.content?.[PROBLEM_JSON])
        .map(([status]) => `${name} → ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it("passes Redocly's recommended rules with no errors", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/docs-json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('names the server, and marks public routes as needing no token', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const publicOps = operations.filter(([, op]) => op['x-permission'] === 'public');
    expect(publicOps.map(([name]) => name)).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/health/live']));
    expect(publicOps.filter(([, op]) => !Array.isArray(op.security) || op.security.length !== 0).map(([name]) => name)).toEqual([]);
    const unsecured = operations.filter(([, op]) => op['x-permission'] !== 'public' && !op.security?.length).map(([name]) => name);
    expect(unsecured).toEqual([]);
  });

  it('requires If-Match on every PATCH and documents its 428 and 412', () => {
    const patches = operations.filter(([name]) => name.startsWith('PATCH '));
    expect(patches.length).toBeGreaterThanOrEqual(9);
    const wrong = patches
      .filter(([, op]) => {
        const ifMatch = op.parameters?.filter((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match') ?? [];
        return ifMatch.length !== 1 || !ifMatch[0].required || !op.responses?.['428'] || !op.responses?.['412'];
      })
      .map(([name]) => name);
    expect(wrong).toEqual([]);
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(t.http).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
