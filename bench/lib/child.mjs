// Server processes for the bench: forked with an IPC channel, stdout discarded, the tail of
// stderr kept for error messages. They announce { type: 'ready', port } and obey { type: 'stop' }.
import { fork } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';

const STDERR_TAIL = 8 * 1024;

export class ServerChild {
  /** `execPath`: run the module under another program (valgrind), which then runs node itself. */
  constructor(label, modulePath, { env, execArgv = [], cwd, execPath } = {}) {
    this.label = label;
    this.stderr = '';
    this.exited = false;
    this.pending = new Map();
    this.seq = 0;
    this.proc = fork(modulePath, [], {
      cwd,
      env,
      execArgv,
      ...(execPath && { execPath }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-STDERR_TAIL);
    });
    this.exitPromise = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exited = true;
        this.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        for (const { reject } of this.pending.values()) reject(this.failure('exited'));
        this.pending.clear();
        resolve();
      });
    });
    this.proc.on('error', () => undefined);
    this.proc.on('message', (m) => {
      if (m && m.replyTo !== undefined && this.pending.has(m.replyTo)) {
        const { resolve, reject } = this.pending.get(m.replyTo);
        this.pending.delete(m.replyTo);
        if (m.error) reject(new Error(`${this.label}: ${m.error}`));
        else resolve(m);
      }
    });
  }

  failure(what) {
    const tail = this.stderr.trim() ? `\n--- ${this.label} stderr (tail) ---\n${this.stderr.trim()}` : '';
    return new Error(`${this.label} ${what}${this.exitInfo ? ` (${this.exitInfo})` : ''}${tail}`);
  }

  /** Resolves with the port once the child sends { type: 'ready', port }. */
  ready(timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.failure(`not ready after ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (m) => {
        if (m?.type === 'ready') {
          clearTimeout(timer);
          this.port = m.port;
          resolve(m.port);
        } else if (m?.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${this.label} failed to start: ${m.error}`));
        }
      };
      this.proc.on('message', onMessage);
      this.exitPromise.then(() => {
        clearTimeout(timer);
        reject(this.failure('exited before it was ready'));
      });
    });
  }

  /** Sends a request message and waits for the { replyTo } answer. */
  request(message, timeoutMs = 15_000) {
    if (this.exited) return Promise.reject(this.failure('is not running'));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.label}: no answer to ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.proc.send({ ...message, id });
    });
  }

  /** Asks the child to close; SIGTERM then SIGKILL if it does not exit in time. */
  async stop(graceMs = 8000) {
    if (this.exited) return;
    try {
      if (this.proc.connected) this.proc.send({ type: 'stop' });
    } catch {
      /* channel already closed */
    }
    const waited = (ms) => Promise.race([this.exitPromise.then(() => true), new Promise((r) => setTimeout(() => r(false), ms).unref())]);
    if (await waited(graceMs)) return;
    this.proc.kill('SIGTERM');
    if (await waited(3000)) return;
    this.proc.kill('SIGKILL');
    await waited(3000);
  }

  /** Last resort, synchronous (process 'exit' handler). */
  killNow() {
    if (!this.exited) {
      try {
        this.proc.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
