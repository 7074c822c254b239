import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { requestInput } from '../factories/labour-requests';
import { createRoleUsers, login, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { Components, junkString, malformed, resolve, Schema, toJsonSchema, valid } from '../support/openapi-arbitraries';
import { createTestApp, TestApp } from '../support/app';

/**
 * A property-based fuzz of the served OpenAPI document: every operation it lists (found at run
 * time, so routes added later are fuzzed too), every role and none, valid and malformed bodies,
 * parameters and content types. Fails on a 5xx, an error that is not problem details with a code,
 * a 2xx whose body does not match the documented schema, and a request left unanswered.
 * FUZZ_SEED and FUZZ_RUNS (runs per operation) reproduce or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const ANSWER_WITHIN_MS = 10_000;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Case {
  role: Role | 'NONE';
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: { type: string; data: unknown; raw?: boolean };
}

const malformedId = fc.constantFrom('not-a-uuid', '0', '00000000-0000-0000-0000-000000000000', '%E2%80%AE', 'a'.repeat(90), '..');
const uuid = fc.uuid({ version: 4 });

describe('OpenAPI fuzz', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Partial<Record<Method, Operation>>>; components: { schemas: Components } };
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const tokens = {} as Record<Role, string>;
  const pools = new Map<string, string[]>();
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const validators = new Map<object, ValidateFunction>();

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', AUTH_LOGIN_RATE_PER_MINUTE: '1000000', AUTH_FAILED_LOGIN_FLOOR_MS: '0' });
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
    ctx = await createRoleUsers(t);
    Object.assign(tokens, ctx.tokens);
    doc = (await request(t.http).get('/docs-json').expect(200)).body;
    ajv.addSchema(toJsonSchema({ components: doc.components }, 'openapi') as object, 'openapi');
    // records to find: a worker with a document, a labour request; then every list's ids, as an administrator sees them
    const worker = await createWorker(t);
    await t.app
      .get(DocumentsService)
      .create(systemActor(), worker.id, { type: 'PATENT', number: '55 1234567', issuer: 'УВМ', issuedOn: '2026-01-10', expiresOn: '2027-01-09' });
    await request(t.http)
      .post('/api/v1/labour-requests')
      .set(as(Role.ADMIN))
      .send({ employerId: ctx.employer.id, ...requestInput() });
    await collectIds();
  }, 120_000);
  afterAll(() => t?.close());

  const as = (role: Role | 'NONE'): Record<string, string> => (role === 'NONE' ? {} : { Authorization: `Bearer ${tokens[role]}` });
  const ownUserIds = () => Object.values(ctx.users).map((u) => u.id);

  /** Ids from every list (`items[].id`), by the list's path template; the role users are left out so no run locks them. */
  async function collectIds() {
    const templates = Object.keys(doc.paths).filter((p) => doc.paths[p].get);
    for (const pass of [0, 1]) {
      for (const template of templates.filter((p) => (p.match(/\{/g)?.length ?? 0) === pass && !p.endsWith('}'))) {
        const concrete = pass ? fillFromPools(template) : template;
        if (!concrete) continue;
        const res = await request(t.http).get(concrete).set(as(Role.ADMIN));
        const items = Array.isArray(res.body) ? res.body : res.body?.items;
        if (!Array.isArray(items)) continue;
        const ids = items.map((i: { id?: unknown }) => i?.id).filter((id): id is string => typeof id === 'string' && !ownUserIds().includes(id));
        pools.set(template, [...(pools.get(template) ?? []), ...ids]);
      }
    }
  }

  function fillFromPools(template: string): string | undefined {
    let ok = true;
    const path = template.replace(/\{(\w+)\}/g, (_m, _name, offset: number) => {
      const id = pools.get(template.slice(0, offset - 1))?.[0];
      if (!id) ok = false;
      return id ?? '';
    });
    return ok ? path : undefined;
  }

  /** A path parameter: an id of the list it follows, any id, or a malformed one. */
  function pathParam(template: string, offset: number): fc.Arbitrary<string> {
    const known = pools.get(template.slice(0, offset - 1)) ?? [];
    const options: fc.Arbitrary<string>[] = [uuid, malformedId];
    if (known.length) options.unshift(fc.constantFrom(...known), fc.constantFrom(...known), fc.constantFrom(...known));
    return fc.oneof(...options);
  }

  function caseFor(template: string, method: Method, op: Operation): fc.Arbitrary<Case> {
    const components = doc.components.schemas;
    const allIds = [...pools.values()].flat();
    const ids = allIds.length ? fc.oneof(fc.constantFrom(...allIds), uuid) : uuid;
    const params: fc.Arbitrary<string>[] = [];
    template.replace(/\{(\w+)\}/g, (_m, _name, offset: number) => {
      params.push(pathParam(template, offset));
      return '';
    });
    const path = fc.tuple(...params).map((values) => {
      let i = 0;
      return template.replace(/\{(\w+)\}/g, () => encodeURIComponent(values[i++]));
    });
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const query = fc.record(
      Object.fromEntries(
        queryParams.map((p) => [
          p.name,
          fc.option(fc.oneof({ weight: 3, arbitrary: valid(p.schema, components, ids, 1) }, { weight: 2, arbitrary: junkString }), { nil: undefined, freq: 2 }),
        ]),
      ),
    );
    const ifMatch = fc.constantFrom<Record<string, string>>({}, { 'If-Match': '"1"' }, { 'If-Match': '*' }, { 'If-Match': 'garbage' }, { 'If-Match': '"999"' });
    const role = fc.constantFrom<Role | 'NONE'>(Role.ADMIN, Role.ADMIN, Role.ADMIN, Role.STAFF, Role.LIAISON, Role.EMPLOYER, 'NONE');
    return fc.record({ role, path, query, headers: ifMatch, body: bodyFor(op, ids) });
  }

  function bodyFor(op: Operation, ids: fc.Arbitrary<string>): fc.Arbitrary<Case['body']> {
    const content = op.requestBody?.content ?? {};
    const json = content['application/json'];
    const types = Object.keys(content).filter((type) => type !== 'application/json');
    const wrongType = fc.constantFrom(
      { type: 'text/plain', data: 'hello', raw: true },
      { type: 'application/x-www-form-urlencoded', data: 'a=1&b=2', raw: true },
      { type: 'application/pdf', data: '%PDF-1.4\n%%EOF', raw: true },
      { type: 'application/json', data: '{"broken":', raw: true },
      { type: 'application/json', data: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, raw: true },
      { type: 'application/json', data: '{"a":"\\u0000"}', raw: true },
    );
    const options: fc.WeightedArbitrary<Case['body']>[] = [
      { weight: 1, arbitrary: wrongType },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ];
    if (json) {
      const components = doc.components.schemas;
      const asJson = (data: unknown) => ({ type: 'application/json', data });
      options.push(
        { weight: 3, arbitrary: valid(json.schema, components, ids).map(asJson) },
        { weight: 4, arbitrary: malformed(json.schema, components, ids).map(asJson) },
      );
    }
    if (types.length) {
      const scan = fc.constantFrom('%PDF-1.4\n1 0 obj\n%%EOF', '\x89PNG\r\n\x1a\n0000', 'not a scan at all');
      options.push({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(...types), scan).map(([type, data]) => ({ type, data, raw: true })) });
    }
    return fc.oneof(...options);
  }

  async function send(method: Method, c: Case) {
    let req = request(t.http)
      [method](c.path)
      .query(c.query as Record<string, string>)
      .set(as(c.role))
      .set(c.headers)
      .timeout(ANSWER_WITHIN_MS);
    if (c.body) {
      req = req.set('Content-Type', c.body.type);
      req = req.send(c.body.raw ? (c.body.data as string) : JSON.stringify(c.body.data ?? null));
    }
    return req;
  }

  function responseValidator(op: Operation, status: number): ValidateFunction | undefined {
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema, 'openapi') as object);
      validators.set(schema, validate);
    }
    return validate;
  }

  /** Undefined when the answer is acceptable, else why not. */
  async function judge(method: Method, op: Operation, c: Case): Promise<string | undefined> {
    let res: request.Response;
    try {
      res = await send(method, c);
    } catch (e) {
      return `no answer: ${(e as Error).message}`;
    }
    const type = String(res.headers['content-type'] ?? '');
    if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body)}`;
    if (res.status >= 400) {
      if (!type.startsWith('application/problem+json')) return `${res.status} not problem details (${type})`;
      if (typeof res.body?.code !== 'string' || res.body.status !== res.status) return `${res.status} problem without a code: ${JSON.stringify(res.body)}`;
      return undefined;
    }
    if (res.status >= 200 && res.status < 300) {
      const sent = Object.keys(c.headers).map((h) => h.toLowerCase());
      const missing = (op.parameters ?? []).filter((p) => p.in === 'header' && p.required && !sent.includes(p.name.toLowerCase())).map((p) => p.name);
      if (missing.length) return `${res.status} without the required header ${missing.join(', ')}`;
      const documented = op.responses[String(res.status)];
      if (!documented) return `${res.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
      if (!type.startsWith('application/json')) return undefined;
      const validate = responseValidator(op, res.status);
      if (validate && !validate(res.body)) return `${res.status} body does not match the schema: ${ajv.errorsText(validate.errors)}`;
    }
    return undefined;
  }

  /** Tokens a run may have ended (logout, a session revoked): signed in again before each operation. */
  async function freshTokens() {
    for (const role of Object.values(Role)) {
      const res = await request(t.http).get('/api/v1/auth/session').set(as(role));
      if (res.status === 401) tokens[role] = (await login(t, ctx.users[role].email, ctx.users[role].password)).accessToken;
    }
  }

  it('answers every operation, role and input with a documented answer or problem details, never 5xx, never silence', async () => {
    const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ template, method, op: item[method]! })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let requests = 0;
    for (const [index, { template, method, op }] of operations.entries()) {
      await freshTokens();
      const seed = SEED + index;
      const result = await fc.check(
        fc.asyncProperty(caseFor(template, method, op), async (c) => {
          requests++;
          const why = await judge(method, op, c);
          if (why) throw new Error(why);
        }),
        { seed, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        const error = (result.errorInstance as Error | undefined)?.message ?? String(result.errorInstance);
        failures.push(
          `${method.toUpperCase()} ${template} (FUZZ_SEED=${SEED}, operation seed ${seed}): ${error}\n` +
            `  case: ${JSON.stringify(result.counterexample?.[0]).slice(0, 600)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBe(operations.length * RUNS);
  }, 300_000);

  it('keeps the documented request schemas resolvable (so the fuzz builds real bodies)', () => {
    const unresolved = Object.entries(doc.paths).flatMap(([template, item]) =>
      METHODS.filter((m) => item[m]?.requestBody?.content?.['application/json'])
        .filter((m) => !resolve(item[m]!.requestBody!.content['application/json'].schema, doc.components.schemas).properties)
        .map((m) => `${m.toUpperCase()} ${template}`),
    );
    expect(unresolved).toEqual([]);
  });
});
