import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Mailbox } from './mailbox/mailbox.js';

/** What `startSmtp` listens with. */
export interface SmtpOptions {
  port: number;
  host?: string;
  /** Largest message accepted, in bytes (default 35 MB, Exchange Online's limit). */
  maxBytes?: number;
}

export interface SmtpListening {
  /** The port bound (the real one when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 35 * 1024 * 1024;

/** An Error that smtp-server answers with the given reply code. */
const reply = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * SMTP ingress for the embedded mailbox: mail for local users goes into their Inboxes through
 * `mailbox.deliver`. It listens on loopback without authentication or STARTTLS (it is a
 * development and test drop, like Mailpit), refuses unknown recipients at RCPT TO (550) and
 * messages over the size limit (552), and relays nothing.
 * @see https://nodemailer.com/extras/smtp-server/
 */
export function startSmtp(mailbox: Mailbox, options: SmtpOptions): Promise<SmtpListening> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const server = new SMTPServer({
    name: 'tern.test',
    banner: 'Tern mailbox SMTP ingress',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mailbox.hasUser(address.address)) callback();
      else callback(reply(550, `5.1.1 <${address.address}>: no such user here`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e: Error) => callback(e));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(reply(552, `5.3.4 Message exceeds the ${maxBytes}-byte limit`));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        mailbox.deliver(Buffer.concat(chunks), recipients, from).then(
          (taken) => (taken.length ? callback() : callback(reply(550, '5.1.1 No local recipient took the message'))),
          (e: unknown) =>
            callback(reply(554, `5.6.0 The message could not be read: ${e instanceof Error ? e.message : String(e)}`)),
        );
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const net = server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (e) => console.error('smtp:', e));
      resolve({
        port: (net.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
