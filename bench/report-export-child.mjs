// One CSV export of the placements of a year, built in this process by the compiled app's
// ReportExportBuilder (what the BullMQ job runs), for bench:reports. The app is the HTTP one,
// not listening, without processors (RUN_PROCESSORS=false in BENCH_APP_ENV): a worker process
// (src/worker.ts) would also run the schedulers, which change the seeded data (the daily deadline
// scan marks past deadlines MISSED, the complaint escalation…). Prints one JSON line: the rows
// written, the seconds taken, the file's size, and the process's resident memory before the
// export (after a garbage collection) and at its peak while it ran (sampled every 20 ms).
// Configured from BENCH_APP_ENV (as bench/app-server.mjs) and BENCH_EXPORT_YEAR; the file stays
// in the app's DATA_DIR (the bench's temporary directory).
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
require('reflect-metadata');
const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
const { loadConfig } = require(path.join(DIST, 'config/config.js'));
const { PrismaService } = require(path.join(DIST, 'infra/database/prisma.service.js'));
const { ReportExportBuilder } = require(path.join(DIST, 'reports/exports/report-export-builder.service.js'));

const env = JSON.parse(process.env.BENCH_APP_ENV ?? '{}');
const year = Number(process.env.BENCH_EXPORT_YEAR);
if (env.RUN_PROCESSORS !== 'false') throw new Error('the export child runs without processors (RUN_PROCESSORS=false)');
const app = await createHttpApp(loadConfig(env));
await app.init();
const prisma = app.get(PrismaService, { strict: false });
const [admin] = await prisma.$queryRaw`SELECT id::text AS id FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1`;
const e = await prisma.reportExport.create({
  data: { type: 'placements', format: 'CSV', params: { year }, createdById: admin.id, expiresAt: new Date(Date.now() + 86_400_000) },
});
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
let heapPeak = 0;
let externalPeak = 0;
const sampler = globalThis.setInterval(() => {
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  externalPeak = Math.max(externalPeak, m.external);
}, 20);
const t = performance.now();
const result = await app.get(ReportExportBuilder, { strict: false }).build(e.id, true);
const seconds = (performance.now() - t) / 1000;
globalThis.clearInterval(sampler);
const done = await prisma.reportExport.findUniqueOrThrow({ where: { id: e.id } });
const out = {
  rows: result.rows ?? 0,
  status: done.status,
  seconds,
  fileBytes: done.fileSize === null ? null : Number(done.fileSize),
  rssBefore,
  rssPeak,
  // what of it was JavaScript objects (V8's heap, garbage not yet collected included) and buffers
  heapPeak,
  externalPeak,
  // the most the process ever held, its start included
  maxRss: process.resourceUsage().maxRSS * 1024,
};
await app.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
