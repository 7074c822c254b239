// The real application, compiled (dist/), in its own process so the load generator does not share
// its event loop. Configured only from BENCH_APP_ENV (a JSON object handed to loadConfig), listens
// on 127.0.0.1 on a free port and reports { type: 'ready', port } over IPC. stdout (pino) is
// discarded by the parent.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveChild } from './lib/serve-child.mjs';

const require = createRequire(import.meta.url);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

await serveChild(
  async () => {
    require('reflect-metadata');
    const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
    const { loadConfig } = require(path.join(DIST, 'config/config.js'));
    const config = loadConfig(JSON.parse(process.env.BENCH_APP_ENV ?? '{}'));
    const app = await createHttpApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: app.getHttpServer().address().port, close: () => app.close() };
  },
  { graceMs: 6000 },
);
