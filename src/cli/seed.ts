import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../config/config';
import { AppModule } from '../app.module';
import { prepareDatabase } from '../bootstrap';
import { configureQueueBackend } from '../infra/queue/queue-connection';
import { runSeeds } from '../seed/seed';

/** `npm run db:seed`: reference data, and demo data unless DEMO_DATA=false. Idempotent. */
async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const { config, embedded } = await prepareDatabase({ ...loadConfig(), runProcessors: false }, log);
  configureQueueBackend(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  const result = await runSeeds(app, config);
  result.logins.forEach((l) => log(`login: ${l}`));
  result.warnings.forEach((w) => log(`WARNING: ${w}`));
  await app.close();
  await embedded?.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
