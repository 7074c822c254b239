import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/config';
import { seedReferenceData } from '../../src/reference/reference.seed';
import { createTestDatabase } from './database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The HTTP server for Supertest. */
  http: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  BOOTSTRAP_ADMIN_EMAIL: 'admin@test.example',
  BOOTSTRAP_ADMIN_PASSWORD: 'Bootstrap-Kestrel-Pass-2026',
};

/** A configuration for tests: its own database URL, the real queue (Redis when REDIS_URL is set). */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/omsk-centre-test-data',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `t${process.pid}${Math.random().toString(36).slice(2, 8)}`,
    ...TEST_SECRETS,
    ...overrides,
  });
}

/** The real application over HTTP on a fresh database cloned from the migrated template, with reference data. */
export async function createTestApp(overrides: Record<string, string> = {}, options: Parameters<typeof createHttpApp>[1] = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, overrides);
  const app = await createHttpApp(config, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // reference data as every start seeds it (МРОТ, coefficient, bans, occupations, local wages, parameters)
  await seedReferenceData(app);
  return {
    app,
    config,
    http: app.getHttpServer(),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
