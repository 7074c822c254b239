import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, firstClosedFolder, startEmbeddedPostgres, stopOrphan } from '../../src/infra/database/embedded-postgres';

// below Linux's ephemeral range (32768–60999): a port in it can be held, for a moment, by the local
// end of any client connection the parallel test files open, and PostgreSQL then cannot bind it
const PORT = 25440;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  let root: string;
  let dataDir: string;
  let running: EmbeddedDatabase | undefined;
  const start = () => startEmbeddedPostgres({ dataDir, port: PORT, database: 'kept' });

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
    fs.chmodSync(root, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach the data directory
    dataDir = path.join(root, 'data');
  });
  afterAll(async () => {
    await running?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps its data across a stop and a start', async () => {
    running = await start();
    await query(running.url, 'CREATE TABLE notes (body text NOT NULL)');
    await query(running.url, 'INSERT INTO notes (body) VALUES ($1)', ['survives restarts']);
    await running.stop();
    running = undefined;

    running = await start();
    expect(await query(running.url, 'SELECT body FROM notes')).toEqual([{ body: 'survives restarts' }]);
  });

  it('stops a PostgreSQL orphaned by a killed parent, then starts on the same data', async () => {
    // What a parent killed with SIGKILL leaves behind: a live postmaster nobody holds a handle to.
    const orphan = postmasterPid(dataDir);
    expect(alive(orphan)).toBe(true);
    running = undefined;

    running = await start();

    expect(alive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect(await query(running.url, 'SELECT body FROM notes')).toEqual([{ body: 'survives restarts' }]);
  });

  it('leaves alone a live process that is not PostgreSQL but has the pid of a stale postmaster.pid', async () => {
    // After a crash or reboot postmaster.pid stays behind, and its pid may now belong to anything.
    const staleDir = fs.mkdtempSync(path.join(root, 'stale-'));
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(staleDir, 'postmaster.pid'), `${bystander.pid}\n${staleDir}\n`);
      await stopOrphan(staleDir);
      expect(alive(bystander.pid!)).toBe(true);
    } finally {
      bystander.kill('SIGKILL');
    }
  });
});

describe('embedded PostgreSQL started by root from a folder other users cannot enter', () => {
  let closed: string;
  beforeAll(() => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'closed-')); // mode 0700, like root's home
  });
  afterAll(() => fs.rmSync(closed, { recursive: true, force: true }));

  it('finds the first folder on the way that a user may not enter', () => {
    const inner = path.join(closed, 'a', 'b');
    fs.mkdirSync(inner, { recursive: true, mode: 0o755 });
    expect(firstClosedFolder(path.join(inner, 'not-yet', 'postgres'), 65000, 65000)).toBe(closed);
    fs.chmodSync(closed, 0o711);
    try {
      expect(firstClosedFolder(path.join(inner, 'postgres'), 65000, 65000)).toBeNull();
      fs.chmodSync(path.join(closed, 'a'), 0o750);
      expect(firstClosedFolder(inner, 65000, 65000)).toBe(path.join(closed, 'a'));
      expect(firstClosedFolder(inner, 65000, fs.statSync(closed).gid)).toBeNull(); // the group may enter
    } finally {
      fs.chmodSync(closed, 0o700);
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)('stops with a message saying what to do instead of EACCES from initdb', async () => {
    const dataDir = path.join(closed, '.data', 'postgres');
    await expect(startEmbeddedPostgres({ dataDir, port: PORT + 1, database: 'x' })).rejects.toThrow(
      new RegExp(`cannot enter ${closed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*ordinary user.*DATABASE_URL`),
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
