import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app.module';
import { prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';
import { configureQueueBackend } from './infra/queue/queue-connection';
import { createRootLogger, flushLogger } from './infra/logging';

/** Queue processors, schedulers and the outbox relay, without HTTP (`npm run start:worker`). */
async function main(): Promise<void> {
  const log = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg })}\n`);
  const loaded = loadConfig();
  if (!loaded.database.url) {
    throw new ConfigError(['DATABASE_URL: the worker process needs the shared database (the embedded one belongs to `npm start`)']);
  }
  const { config } = await prepareDatabase(loaded, log);
  configureQueueBackend(config);
  const logger = createRootLogger(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM/SIGINT the processors finish or hand back their jobs (app.close runs every shutdown
  // hook), the logger is flushed, and process.exit writes what is still buffered. A queue backend
  // that is down must not hang the stop: it is forced after SHUTDOWN_TIMEOUT_MS.
  const stop = async () => {
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    const code = await app.close().then(
      () => 0,
      (e: unknown) => {
        process.stderr.write(`stopping the worker failed: ${(e as Error)?.message ?? String(e)}\n`);
        return 1;
      },
    );
    await flushLogger(logger);
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  log(`worker running (queue backend: ${config.redis.url ? 'redis' : 'postgres'})`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : ((e as Error)?.stack ?? String(e))}\n`);
  process.exit(1);
});
