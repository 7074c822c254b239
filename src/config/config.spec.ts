import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { SECRET_VARIABLES } from './env.schema';

const SECRETS = {
  JWT_SECRET: 'a-jwt-secret-that-is-at-least-32-characters',
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  BOOTSTRAP_ADMIN_EMAIL: 'admin@example.test',
  BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password',
};

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-spec-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The ConfigError thrown by loadConfig(source), or a failure when it does not throw one. */
function configErrorOf(source: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(source);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ...SECRETS });
    expect(config).toMatchObject({
      env: 'development',
      isProduction: false,
      http: { port: 3000, host: '0.0.0.0', bodyLimit: 1024 * 1024, corsOrigins: [], rateLimitPerMinute: 600, trustProxy: true },
      database: {
        url: undefined,
        embeddedPort: 54329,
        poolMax: Math.min(10, Math.max(4, 2 * os.availableParallelism() + 1)),
        connectTimeoutMs: 3000,
        statementTimeoutMs: 4000,
      },
      redis: { url: undefined, prefix: 'omsk' },
      dataDir: path.resolve(dataDir),
      logLevel: 'info',
      demoData: true,
      runProcessors: true,
      idempotencyTtlHours: 24,
      shutdownTimeoutMs: 10000,
      generatedSecrets: [],
    });
    expect(config.auth).toMatchObject({ failedLoginFloorMs: 200 });
    expect(config.secrets).toEqual({ jwtSecret: SECRETS.JWT_SECRET, encryptionKey: SECRETS.ENCRYPTION_KEY });
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ...SECRETS, PORT: '', DATABASE_URL: '' });
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
  });

  it.each([
    ['1mb', 1024 * 1024],
    ['1MB', 1024 * 1024],
    ['512kb', 512 * 1024],
    ['2048', 2048],
    ['10b', 10],
  ])('reads BODY_LIMIT %s as %d bytes', (given, bytes) => {
    expect(loadConfig({ DATA_DIR: dataDir, ...SECRETS, BODY_LIMIT: given }).http.bodyLimit).toBe(bytes);
  });

  it.each([
    ['true', true],
    ['no', false],
    ['0', false],
    ['10.0.0.7', ['10.0.0.7']],
    [' 10.0.0.0/8, 127.0.0.1 ,::1 ', ['10.0.0.0/8', '127.0.0.1', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads TRUST_PROXY %j as %j', (given, expected) => {
    expect(loadConfig({ DATA_DIR: dataDir, ...SECRETS, TRUST_PROXY: given }).http.trustProxy).toEqual(expected);
  });

  it.each([
    [{ TRUST_PROXY: 'proxy.local' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '10.0.0.0/33' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '10.0.0.1, nginx' }, ['TRUST_PROXY']],
    [{ PORT: 'abc' }, ['PORT']],
    [{ PORT: '70000' }, ['PORT']],
    [{ DATABASE_URL: 'mysql://localhost/db' }, ['DATABASE_URL']],
    [{ DATABASE_URL: 'not a url' }, ['DATABASE_URL']],
    [{ BODY_LIMIT: '1gb' }, ['BODY_LIMIT']],
    [{ AUTH_FAILED_LOGIN_FLOOR_MS: '-5', DB_POOL_MAX: '0' }, ['AUTH_FAILED_LOGIN_FLOOR_MS', 'DB_POOL_MAX']],
    [{ PORT: '-1', DATABASE_URL: 'http://localhost/db' }, ['PORT', 'DATABASE_URL']],
  ])('rejects %j naming %j', (bad, names) => {
    const error = configErrorOf({ DATA_DIR: dataDir, ...SECRETS, ...bad });
    for (const name of names) {
      expect(error.problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
      expect(error.message).toContain(name);
    }
    expect(error.problems).toHaveLength(names.length);
  });

  describe('in production', () => {
    it.each([[[...SECRET_VARIABLES]], [['JWT_SECRET']], [['ENCRYPTION_KEY', 'BOOTSTRAP_ADMIN_PASSWORD']]])('names every missing secret (%j)', (missing) => {
      const source: Record<string, string | undefined> = { NODE_ENV: 'production', DATA_DIR: dataDir, ...SECRETS };
      for (const name of missing) delete source[name];
      const error = configErrorOf(source);
      expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([...missing].sort());
      expect(fs.existsSync(path.join(dataDir, 'dev-secrets.json'))).toBe(false);
    });

    it('starts when every secret is given', () => {
      const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, ...SECRETS });
      expect(config.isProduction).toBe(true);
      expect(config.generatedSecrets).toEqual([]);
    });
  });

  describe('in development', () => {
    it('generates missing secrets once into DATA_DIR/dev-secrets.json and reuses them', () => {
      const first = loadConfig({ DATA_DIR: dataDir });
      const file = path.join(dataDir, 'dev-secrets.json');
      expect(fs.existsSync(file)).toBe(true);
      expect(first.generatedSecrets.sort()).toEqual([...SECRET_VARIABLES].sort());

      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      expect(stored.JWT_SECRET).toBe(first.secrets.jwtSecret);
      expect(stored.ENCRYPTION_KEY).toBe(first.secrets.encryptionKey);
      expect(Buffer.from(first.secrets.encryptionKey, 'base64')).toHaveLength(32);
      expect(first.secrets.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(first.bootstrapAdmin.password.length).toBeGreaterThanOrEqual(12);

      const second = loadConfig({ DATA_DIR: dataDir });
      expect(second.secrets).toEqual(first.secrets);
      expect(second.bootstrapAdmin).toEqual(first.bootstrapAdmin);
    });

    it('generates only the secrets that are missing; given ones win', () => {
      const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRETS.JWT_SECRET });
      expect(config.secrets.jwtSecret).toBe(SECRETS.JWT_SECRET);
      expect(config.generatedSecrets).not.toContain('JWT_SECRET');
      const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
      expect(stored.JWT_SECRET).toBeUndefined();
    });
  });
});
