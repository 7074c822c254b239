import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a free port, keeping every message it receives, parsed. An address in
 * `refuseOnce` is refused the first time it is a recipient (450, a temporary failure: the sender
 * should try again).
 */
export async function startSmtp(opts: { refuseOnce?: string[] } = {}) {
  const received: ParsedMail[] = [];
  const refuse = new Set(opts.refuseOnce);
  const refused: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, done) {
      if (!refuse.delete(address.address)) return done();
      refused.push(address.address);
      done(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 450 }));
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, refused, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The first recipient's address of a parsed message. */
export const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0].address;

/** Polls `probe` until `ok` holds or `ms` pass; returns the last value (the caller's expect says what was wrong). */
export async function eventually<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}
