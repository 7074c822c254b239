// The server side of ServerChild (bench/lib/child.mjs): start a server, announce { type: 'ready',
// port }, answer { type: 'cpu' } with this process's CPU time, and on { type: 'stop' } (or when the
// parent goes away) close it and exit, forcibly after `graceMs`. A start that throws is reported
// as { type: 'failed', error }.
import { setTimeout } from 'node:timers';

/** `start()` resolves to { port, close() }. */
export async function serveChild(start, { graceMs = 5000 } = {}) {
  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code || 1), graceMs).unref();
    try {
      await server?.close();
    } catch (e) {
      process.stderr.write(`close failed: ${e?.stack ?? e}\n`);
    }
    process.exit(code);
  };
  process.on('disconnect', () => void stop(0)); // parent gone: never outlive it
  process.on('message', (m) => {
    if (m?.type === 'stop') void stop(0);
    else if (m?.type === 'cpu') process.send?.({ replyTo: m.id, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  });
  try {
    server = await start();
    process.send({ type: 'ready', port: server.port });
  } catch (e) {
    process.send?.({ type: 'failed', error: e?.stack ?? String(e) });
    await stop(1);
  }
}
