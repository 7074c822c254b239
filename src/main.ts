import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createHttpApp, prepareDatabase } from './bootstrap';
import { runSeeds } from './seed/seed';
import { DeadlinesService } from './deadlines/deadlines.service';
import { createRootLogger, flushLogger } from './infra/logging';

function log(message: string): void {
  process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg: message })}\n`);
}

async function main(): Promise<void> {
  const loaded = loadConfig();
  if (loaded.generatedSecrets.length) {
    log(`WARNING: ${loaded.generatedSecrets.join(', ')} not set; using development values kept in ${loaded.dataDir}/dev-secrets.json`);
  }
  const { config, embedded } = await prepareDatabase(loaded, log);
  const logger = createRootLogger(config);
  const app = await createHttpApp(config, { logger });
  const seeded = await runSeeds(app, config);
  // On SIGTERM/SIGINT: HTTP drains and the processors finish or hand back their jobs (app.close runs
  // every shutdown hook), then the embedded database stops, last, since they all still need it.
  // The logger is flushed before process.exit (which writes what is still buffered). A stop that
  // hangs is forced.
  const stop = async () => {
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    let code = 0;
    for (const [what, step] of [
      ['the API', () => app.close()],
      ['the embedded database', () => embedded?.stop()],
    ] as const) {
      await Promise.resolve(step()).catch((e: unknown) => {
        code = 1;
        process.stderr.write(`stopping ${what} failed: ${(e as Error)?.message ?? String(e)}\n`);
      });
    }
    await flushLogger(logger);
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await app.listen({ port: config.http.port, host: config.http.host });
  const base = `http://localhost:${config.http.port}`;
  log(`API:  ${base}/api/v1   docs: ${base}/docs   health: ${base}/api/v1/health/ready`);
  for (const line of seeded.logins) log(`login: ${line}`);
  for (const line of seeded.warnings) log(`WARNING: ${line}`);
  // records kept before the deadline engine get their deadlines, without holding up the start
  // (one process does it; the others find the lock taken; a worker with any deadline is skipped)
  void app
    .get(DeadlinesService)
    .backfill()
    .then((n) => n && log(`deadlines computed for ${n} workers`))
    .catch((e: unknown) => log(`WARNING: deadline backfill stopped: ${(e as Error).message}`));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exit(1);
});
