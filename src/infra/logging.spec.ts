import { Writable } from 'node:stream';
import { pino } from 'pino';
import { lazyChildLoggerFactory, LazyChildLogger } from './logging';

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

  it('keeps a route log level given by Fastify', () => {
    const { logger } = capture();
    const child = lazyChildLoggerFactory(logger, { requestId: 'r-3' }, { level: 'warn' }) as unknown as LazyChildLogger;
    expect(child.level).toBe('warn');
    expect(child.child({ a: 1 }).level).toBe('warn');
  });
});
