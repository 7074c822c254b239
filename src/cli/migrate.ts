import { loadConfig } from '../config/config';
import { prepareDatabase } from '../bootstrap';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const { embedded } = await prepareDatabase(loadConfig(), log);
  log('migrations are up to date');
  await embedded?.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.message ?? String(e)}\n`);
  process.exit(1);
});
