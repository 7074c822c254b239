import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ts from 'typescript';
import { createRootLogger } from './logging';

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
      const script = `const { createRootLogger, flushLogger } = require(${JSON.stringify(path.join(dir, 'logging.js'))});\n${body}`;
      return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 }).stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes the lines still buffered when the process exits', () => {
    const out = runChild(`const log = createRootLogger({ logLevel: 'info' }); log.info('last words'); process.exit(3 - 3);`);
    expect(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['last words']);
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

  it('writes every line of a busy process once and in order, long ones too, up to a stop by SIGTERM (flushed before the exit, as the app does)', () => {
    const out = runChild(
      `const log = createRootLogger({ logLevel: 'info' });\n` +
        `for (let i = 0; i < 3000; i++) log.info({ i, pad: i % 500 === 0 ? 'x'.repeat(10000) : '' }, 'line');\n` +
        `process.once('SIGTERM', () => { log.info({ i: 3000 }, 'line'); flushLogger(log).then(() => process.exit(0)); });\n` +
        `process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000);`,
    );
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { i: number; pad: string });
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 3001 }, (_, i) => i));
    expect(lines[500].pad).toHaveLength(10000);
  });
});

describe('redaction', () => {
  it('writes [REDACTED] for secrets, in a request and in a body', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(
          ...chunk
            .toString()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
        done();
      },
    });
    const logger = createRootLogger({ logLevel: 'info' }, stream);
    logger.info(
      { req: { headers: { authorization: 'Bearer abc', cookie: 'c=1', accept: '*/*' } }, body: { password: 'p', token: 't', name: 'n' }, refreshToken: 'r' },
      'x',
    );
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: '*/*' } },
      body: { password: '[REDACTED]', token: '[REDACTED]', name: 'n' },
      refreshToken: '[REDACTED]',
    });
  });
});
