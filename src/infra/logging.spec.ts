import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ts from 'typescript';
import { pino } from 'pino';
import { jsonString, lazyChildLoggerFactory, LazyChildLogger, REQUEST_LINE_MESSAGE, type RequestLine, requestLineWriter } from './logging';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('LazyChildLogger (Fastify request.log)', () => {
  it.each([
    ['info', 'info', true],
    ['info', 'warn', true],
    ['info', 'error', true],
    ['info', 'debug', false],
    ['warn', 'info', false],
    ['silent', 'error', false],
  ] as const)('logger at %s, line at %s: written = %s, with the request id bound', async (loggerLevel, lineLevel, written) => {
    const { logger, lines } = capture(loggerLevel);
    const child = lazyChildLoggerFactory(logger, { requestId: 'r-1' }, {});
    child[lineLevel]({ extra: 1 }, 'hello');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(written ? [expect.objectContaining({ requestId: 'r-1', extra: 1, msg: 'hello' })] : []);
  });

  it('makes no child until something is logged', () => {
    const { logger } = capture();
    const spy = jest.spyOn(logger, 'child');
    const child = lazyChildLoggerFactory(logger, { requestId: 'r-2' }, {});
    expect((child as unknown as LazyChildLogger).level).toBe('info');
    expect(spy).not.toHaveBeenCalled();
    child.info('now');
    child.warn('again');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('writes what a route log level more verbose than the root lets through', async () => {
    const { logger, lines } = capture('info');
    const child = lazyChildLoggerFactory(logger, { requestId: 'r-4' }, { level: 'debug' });
    child.debug('detail');
    child.trace('too fine');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([expect.objectContaining({ requestId: 'r-4', msg: 'detail' })]);
  });

  it('keeps a route log level given by Fastify', () => {
    const { logger } = capture();
    const child = lazyChildLoggerFactory(logger, { requestId: 'r-3' }, { level: 'warn' }) as unknown as LazyChildLogger;
    expect(child.level).toBe('warn');
    expect(child.child({ a: 1 }).level).toBe('warn');
  });
});

describe('createRootLogger on stdout', () => {
  /** Runs logging.ts, compiled on the fly, in a child process and returns what it wrote to stdout. */
  function runChild(body: string): string {
    // under node_modules/.cache, so that the compiled module finds pino the way the app does
    const cache = path.join(__dirname, '..', '..', 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(path.join(cache, 'omsk-logging-'));
    try {
      const source = readFileSync(path.join(__dirname, 'logging.ts'), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(path.join(dir, 'logging.js'), outputText);
      const script = `const { createRootLogger } = require(${JSON.stringify(path.join(dir, 'logging.js'))});\n${body}`;
      return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 }).stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes the lines still buffered when the process exits', () => {
    const out = runChild(`const log = createRootLogger({ logLevel: 'info' }); log.info('last words'); process.exit(3 - 3);`);
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l).msg)).toEqual(['last words']);
  });

  it('writes the lines of a quiet process within a moment, without waiting for a full buffer', () => {
    const out = runChild(
      `const log = createRootLogger({ logLevel: 'info' }); log.info('quiet');\n` +
        `setTimeout(() => { require('fs').writeSync(1, 'MARK\\n'); process.kill(process.pid, 'SIGKILL'); }, 1000);`,
    );
    // the line came out before the mark, and a SIGKILL skips every exit handler
    expect(out.indexOf('"msg":"quiet"')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('"msg":"quiet"')).toBeLessThan(out.indexOf('MARK'));
  });

  it('writes every line of a busy process once and in order, long ones too, up to a stop by SIGTERM', () => {
    const out = runChild(
      `const log = createRootLogger({ logLevel: 'info' });\n` +
        `for (let i = 0; i < 3000; i++) log.info({ i, pad: i % 500 === 0 ? 'x'.repeat(10000) : '' }, 'line');\n` +
        `process.once('SIGTERM', () => { log.info({ i: 3000 }, 'line'); process.exit(0); });\n` +
        `process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000);`,
    );
    const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { i: number; pad: string });
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 3001 }, (_, i) => i));
    expect(lines[500].pad).toHaveLength(10000);
  });
});

describe('the request line', () => {
  const base: RequestLine = {
    requestId: '5f0c2a4e-8a4b-4c43-9d3b-0d1f2c3b4a59',
    method: 'GET',
    route: '/api/v1/workers/:id',
    url: '/api/v1/workers/5f0c2a4e-8a4b-4c43-9d3b-0d1f2c3b4a59',
    statusCode: 200,
    durationMs: 1.3,
    userId: null,
  };

  /** The raw lines a logger at `level` writes, with the time of each set to 0. */
  function rawLines(level = 'info') {
    const raw: string[] = [];
    const logger = pino({ level }, { write: (line: string) => void raw.push(line.replace(/"time":\d+/, '"time":0')) });
    return { logger, raw };
  }

  it.each([
    ['a plain request', {}],
    ['a signed-in user', { userId: '0b6f1a8e-3c1d-4e7a-9b2c-5d4e3f2a1b0c' }],
    ['no route (404)', { route: null, statusCode: 404 }],
    ['a client request id', { requestId: 'gw-7:a.b_c' }],
    ['a quote and a backslash in the path', { url: '/api/v1/a"b\\c' }],
    ['control characters in the path', { url: '/a\n\r\t\u0000\u001f\u007f' }],
    ['non-ASCII in the path', { url: '/api/v1/работники/é/😀' }],
    ['line and paragraph separators', { url: '/a\u2028b\u2029' }],
    ['an empty path', { url: '' }],
    ['whole milliseconds', { durationMs: 12 }],
    ['a zero duration', { durationMs: 0 }],
    ['a huge duration', { durationMs: 1e21 }],
    ['a duration that is not a number', { durationMs: Number.NaN }],
    ['an infinite duration', { durationMs: Number.POSITIVE_INFINITY }],
    ['a server error', { statusCode: 500, durationMs: 5000.5 }],
  ] as const)('is the line pino writes for the same fields: %s', (_name, change) => {
    const { logger, raw } = rawLines();
    const line: RequestLine = { ...base, ...change };
    logger.info(line, REQUEST_LINE_MESSAGE);
    requestLineWriter(logger)(line);
    expect(raw).toHaveLength(2);
    expect(raw[1]).toBe(raw[0]);
    expect(JSON.parse(raw[1])).toMatchObject({ level: 30, pid: process.pid, msg: REQUEST_LINE_MESSAGE });
  });

  it('escapes a lone surrogate in the path, which pino writes as it is (it cannot be encoded as UTF-8)', () => {
    const { logger, raw } = rawLines();
    requestLineWriter(logger)({ ...base, url: '/a\ud800b\udc00' });
    expect(raw[0]).toContain('"url":"/a\\ud800b\\udc00"');
    expect(JSON.parse(raw[0])).toMatchObject({ url: '/a\ud800b\udc00' });
  });

  it.each(['warn', 'error', 'silent'])('is not written by a logger at %s', (level) => {
    const { logger, raw } = rawLines(level);
    requestLineWriter(logger)(base);
    expect(raw).toEqual([]);
  });

  it('follows a change of the logger level', () => {
    const { logger, raw } = rawLines('warn');
    const write = requestLineWriter(logger);
    write(base);
    logger.level = 'info';
    write(base);
    expect(raw).toHaveLength(1);
  });

  it('quotes every single UTF-16 code unit as JSON.stringify does', () => {
    const differing: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}z`;
      if (jsonString(s) !== JSON.stringify(s)) differing.push(c);
    }
    expect(differing).toEqual([]);
  });
});
