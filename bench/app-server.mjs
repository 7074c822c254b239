// The real application, compiled (dist/), in its own process so the load generator does not share
// its event loop. Configured only from BENCH_APP_ENV (a JSON object handed to loadConfig), listens
// on 127.0.0.1 on a free port and reports { type: 'ready', port } over IPC. stdout (pino) is
// discarded by the parent.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchProbeModule } from './lib/probe-routes.mjs';

const require = createRequire(import.meta.url);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let app;
let stopping = false;


async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code || 1), 6000).unref();
  try {
    await app?.close();
  } catch (e) {
    process.stderr.write(`close failed: ${e?.stack ?? e}\n`);
  }
  process.exit(code);
}

process.on('disconnect', () => void stop(0)); // parent gone: never outlive it
process.on('message', (m) => {
  if (m?.type === 'stop') void stop(0);
  else if (m?.type === 'cpu') process.send?.({ replyTo: m.id, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
});

try {
  require('reflect-metadata');
  const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
  const { loadConfig } = require(path.join(DIST, 'config/config.js'));
  const config = loadConfig(JSON.parse(process.env.BENCH_APP_ENV ?? '{}'));
  app = await createHttpApp(config, { extraModules: [benchProbeModule(require, DIST)] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address();
  process.send({ type: 'ready', port });
} catch (e) {
  process.send?.({ type: 'failed', error: e?.stack ?? String(e) });
  await stop(1);
}
