import { randomBytes } from 'node:crypto';

/**
 * The environment the bench's app is configured from (loadConfig), as in a production deployment:
 * generated secrets, loopback, a free port, a queue prefix of its own, CORS configured (the
 * scenarios send no Origin, like probes and server clients, so it adds only `Vary: Origin`). The
 * throttlers still count every request but never block the load generator.
 */
export function benchAppEnv({ databaseUrl, dataDir, logLevel = 'info' }) {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: logLevel,
    JWT_SECRET: randomBytes(36).toString('base64url'), // 48 characters
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@bench.example',
    BOOTSTRAP_ADMIN_PASSWORD: 'Steppe-Kestrel-Pass-2026',
    DEMO_DATA: 'false',
    CORS_ORIGINS: process.env.BENCH_CORS_ORIGINS ?? 'https://app.bench.example',
    RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT ?? '1000000000',
    // the per-IP limit on the public auth routes (login, refresh, password reset), likewise
    AUTH_LOGIN_RATE_PER_MINUTE: process.env.BENCH_AUTH_LOGIN_RATE ?? '1000000000',
    RUN_PROCESSORS: process.env.RUN_PROCESSORS,
  };
}
