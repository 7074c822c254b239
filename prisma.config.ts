import path from 'node:path';
import { defineConfig } from 'prisma/config';

// process.env rather than env(): env() throws when unset, which breaks `prisma generate`.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'node dist/cli/seed.js' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
