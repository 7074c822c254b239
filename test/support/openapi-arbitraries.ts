import fc from 'fast-check';

/** An OpenAPI 3.0 schema object, as far as the fuzz reads it. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  [key: string]: unknown;
}

export type Components = Record<string, Schema>;

export function resolve(schema: Schema | undefined, components: Components): Schema {
  let s = schema ?? {};
  for (let hops = 0; s.$ref && hops < 20; hops++) s = components[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf?.length === 1 && !s.properties) return { ...resolve(s.allOf[0], components), nullable: s.nullable };
  return s;
}

/** Strings people and attackers type: empty, long, scripts, NUL, SQL and path tricks. */
export const junkString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b'),
  fc.constantFrom('', ' ', '0', '-1', 'null', 'true', '[]', '{}', '\u0000', "' OR 1=1 --", '../../etc/passwd', '%00', '٣', 'Ахмедов', 'ß'.repeat(300)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const day = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A value that fits `schema` as far as the document tells (formats, enums, bounds, required fields). */
export function valid(schema: Schema | undefined, components: Components, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.example !== undefined && depth > 0 && typeof s.example !== 'object') {
    return fc.oneof({ weight: 3, arbitrary: fc.constant(s.example) }, { weight: 1, arbitrary: plain(s, components, ids, depth) });
  }
  return plain(s, components, ids, depth);
}

function plain(s: Schema, components: Components, ids: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(valid(s.items, components, ids, depth + 1), { maxLength: 3 });
    case 'string':
      if (s.format === 'uuid') return ids;
      if (s.format === 'date') return day;
      if (s.format === 'date-time') return day.map((d) => `${d}T08:00:00.000Z`);
      if (s.format === 'binary') return fc.constant('%PDF-1.4\n');
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
    default:
      if (s.properties && depth <= 4) return object(s, components, ids, depth);
      return fc.constant({});
  }
}

function object(s: Schema, components: Components, ids: fc.Arbitrary<string>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(s.required ?? []);
  const entries = Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const value = valid(prop, components, ids, depth + 1);
    return [name, required.has(name) ? value : fc.option(value, { nil: undefined, freq: 2 })] as const;
  });
  return fc.record(Object.fromEntries(entries)).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

/** A body that is wrong in one way: a field null, of another type, missing, unknown, or nested deep. */
export function malformed(schema: Schema | undefined, components: Components, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const fields = Object.keys(s.properties ?? {});
  const base = valid(s, components, ids) as fc.Arbitrary<Record<string, unknown>>;
  const wrongValue = fc.oneof(
    fc.constant(null),
    junkString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constant([[[[['deep']]]]]),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const oneField = (value: fc.Arbitrary<unknown>) =>
    fields.length ? fc.tuple(base, fc.constantFrom(...fields), value).map(([b, f, v]) => ({ ...b, [f]: v })) : fc.jsonValue({ maxDepth: 2 });
  const oneFieldMissing = fields.length
    ? fc.tuple(base, fc.constantFrom(...fields)).map(([b, f]) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== f)))
    : fc.constant({});
  return fc.oneof(
    { weight: 3, arbitrary: oneField(fc.constant(null)) },
    { weight: 2, arbitrary: fc.constant(Object.fromEntries(fields.map((f) => [f, null]))) },
    { weight: 3, arbitrary: oneField(wrongValue) },
    { weight: 2, arbitrary: oneFieldMissing },
    { weight: 1, arbitrary: base.map((b) => ({ ...b, unexpected: 'field' })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, [], 'text', 42, {}) },
  );
}

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv: `nullable` becomes a union with null and
 * references point into the document registered under `documentId`.
 */
export function toJsonSchema(node: unknown, documentId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, documentId));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? `${documentId}${value}` : toJsonSchema(value, documentId);
  }
  return (node as Schema).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}
