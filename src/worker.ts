import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app.module';
import { prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';
import { configureQueueBackend } from './infra/queue/queue-connection';

/** Queue processors, schedulers and the outbox relay, without HTTP (`npm run start:worker`). */
async function main(): Promise<void> {
  const log = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg })}\n`);
  const loaded = loadConfig();
  if (!loaded.database.url) {
    throw new ConfigError(['DATABASE_URL: the worker process needs the shared database (the embedded one belongs to `npm start`)']);
  }
  const { config } = await prepareDatabase(loaded, log);
  configureQueueBackend(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // exit through process.exit after shutdown, so that pino flushes the log lines still buffered
  app.enableShutdownHooks([], { useProcessExit: true });
  // processors finish or hand back their jobs; a queue backend that is down must not hang the stop
  const forceExit = () => setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
  process.once('SIGTERM', forceExit);
  process.once('SIGINT', forceExit);
  log(`worker running (queue backend: ${config.redis.url ? 'redis' : 'postgres'})`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : ((e as Error)?.stack ?? String(e))}\n`);
  process.exit(1);
});
