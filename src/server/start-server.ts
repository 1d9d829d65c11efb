import { createApp } from './app.js';
import { loadSessionSecret } from './auth/session-secret-file.js';
import type { ServerConfig } from './config.js';
import { listen, type Listening } from './listen.js';
import type { Mailbox, MailboxOptions } from './mailbox/mailbox.js';

/** Where the SMTP listener listens, whatever `--host` the web server has. */
export const SMTP_HOST = '127.0.0.1';

/** A running SMTP listener, as `startSmtp` returns it. */
export interface SmtpListener {
  port: number;
  close(): Promise<void> | void;
}

/** The pieces `main.ts` wires in; tests pass small ones. */
export interface ServerParts {
  openMailbox: (options: MailboxOptions) => Mailbox | Promise<Mailbox>;
  startSmtp: (mailbox: Mailbox, options: { port: number; host: string }) => Promise<SmtpListener>;
  /** The built PWA. */
  distDir: string;
  /** Where the start-up lines go (console.log in the shell). */
  print: (line: string) => void;
}

export interface RunningServer {
  url: string;
  http: Listening;
  smtp?: SmtpListener;
  mailbox?: Mailbox;
  /** Stops HTTP, then SMTP, then closes the mailbox. */
  close(): Promise<void>;
}

/** A start-up failure with a sentence for the operator. */
export class StartError extends Error {
  override name = 'StartError';
}

/**
 * Starts the Tern server described by `config`: the mailbox (mailbox mode), HTTP and SMTP, and
 * prints where to go and how to sign in. Nothing here waits for input.
 */
export async function startServer(config: ServerConfig, parts: ServerParts): Promise<RunningServer> {
  const sessionSecret = config.sessionSecret ?? loadSessionSecret(config.dataDir);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    if (config.mode.kind === 'proxy') {
      const app = createApp({ upstream: config.mode.upstream, sessionSecret, distDir: parts.distDir });
      const http = await bind(app, config, 'HTTP', '--port');
      closers.push(() => http.close());
      const url = shownUrl(http, config.host);
      parts.print(`Tern is running at ${url} in proxy mode for ${config.mode.upstream.href}`);
      parts.print('Sign in with your Exchange email address and password.');
      return { url, http, close };
    }

    const { seedMessages, smtpPort, tombstoneDays, faultInjection } = config.mode;
    parts.print(`Opening the mailbox in ${config.dataDir} (a new one is seeded with ${seedMessages} messages)…`);
    const mailbox = await parts.openMailbox({
      dataDir: config.dataDir,
      seedMessages,
      demoPassword: config.demoPassword,
      tombstones: { days: tombstoneDays },
    });
    closers.push(() => mailbox.close());
    const app = createApp({
      mailbox,
      sessionSecret,
      distDir: parts.distDir,
      faultInjection,
      // The default password is no secret (the README gives it); one the operator chose is not shown.
      signinHint:
        config.demoPassword === 'demo'
          ? 'Demo accounts: demo@tern.test and ada@tern.test, password "demo".'
          : 'Demo accounts: demo@tern.test and ada@tern.test, with the password set in TERN_DEMO_PASSWORD where the server runs.',
    });
    const http = await bind(app, config, 'HTTP', '--port');
    closers.push(() => http.close());
    let smtp: SmtpListener;
    try {
      // Loopback whatever --host says: the listener takes mail for the local users from anyone who
      // can reach it, with no sign-in, so it must not face the network the web server may face.
      smtp = await parts.startSmtp(mailbox, { port: smtpPort, host: SMTP_HOST });
    } catch (e) {
      throw inUse(e, smtpPort, 'SMTP', '--smtp-port') ?? e;
    }
    closers.push(() => smtp.close());
    const url = shownUrl(http, config.host);
    const password = config.demoPassword === 'demo' ? 'the password "demo"' : 'the password set in TERN_DEMO_PASSWORD';
    parts.print(`Tern is running at ${url}`);
    parts.print(`Sign in as demo@tern.test with ${password} (ada@tern.test has the same one).`);
    parts.print(`EWS clients: ${url}/EWS/Exchange.asmx with HTTP Basic auth.`);
    parts.print(`SMTP on ${SMTP_HOST}:${smtp.port} (this machine only) delivers mail to the local users.`);
    if (faultInjection) parts.print(`Fault injection is on: ${url}/admin/faults takes faults from this machine.`);
    return { url, http, smtp, mailbox, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function bind(app: ReturnType<typeof createApp>, config: ServerConfig, what: string, flag: string) {
  try {
    return await listen(app, { port: config.port, host: config.host });
  } catch (e) {
    throw inUse(e, config.port, what, flag) ?? e;
  }
}

function inUse(e: unknown, port: number, what: string, flag: string): StartError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new StartError(
      `Port ${port} is already in use, so ${what} cannot start: stop the other server or use ${flag}.`,
    );
  if (code === 'EACCES')
    return new StartError(
      `Port ${port} needs more privileges than this process has: use ${flag} with a port above 1023.`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new StartError(`This machine has no address to listen on for ${what}: check --host.`);
  return undefined;
}

/** The URL a person can open: a wildcard address becomes 127.0.0.1. */
function shownUrl(http: Listening, host: string): string {
  return host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${http.port}` : http.url;
}
