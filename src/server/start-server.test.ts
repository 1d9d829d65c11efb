import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { startServer, StartError, type ServerParts } from './start-server.js';
import { openMailbox } from './mailbox/index.js';
import { startSmtp } from './smtp.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function parts(events: string[]): ServerParts & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    distDir: '/nonexistent',
    print: (line) => lines.push(line),
    openMailbox: (options) => {
      events.push(`open ${options.seedMessages} ${options.demoPassword} ${options.tombstones?.days}`);
      const m = openMailbox(options);
      return {
        ...m,
        close: () => {
          events.push('mailbox closed');
          m.close();
        },
      };
    },
    startSmtp: async (mailbox, { port, host }) => {
      events.push(`smtp ${host}:${port}`);
      const smtp = await startSmtp(mailbox, { port, host });
      return {
        port: smtp.port,
        close: async () => {
          events.push('smtp closed');
          await smtp.close();
        },
      };
    },
  };
}

function dataDir() {
  const d = mkdtempSync(join(tmpdir(), 'tern-start-'));
  dirs.push(d);
  return d;
}

describe('startServer', () => {
  it('opens the mailbox, serves HTTP and SMTP, prints the URL and the demo sign-in, and closes in order', async () => {
    const events: string[] = [];
    const p = parts(events);
    const data = dataDir();
    const config = parseConfig(
      ['--port', '0', '--data', data, '--seed-messages', '5', '--smtp-port', '0', '--tombstone-days', '7'],
      {},
    );
    const server = await startServer(config, p);
    expect(events).toEqual(['open 5 demo 7', 'smtp 127.0.0.1:0']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.lines.join('\n')).toContain(`Tern is running at ${server.url}`);
    expect(p.lines.join('\n')).toContain('Sign in as demo@tern.test with the password "demo"');
    // The sign-in page says the same.
    expect(await (await fetch(`${server.url}/signin`)).text()).toContain('password &quot;demo&quot;');
    expect(existsSync(join(data, 'session.key'))).toBe(true);
    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok');
    expect((await fetch(`${server.url}/EWS/Exchange.asmx`)).status).toBe(401);
    // Fault injection is for tests and demos: off unless TERN_FAULTS asks for it.
    expect((await fetch(`${server.url}/admin/faults`)).status).toBe(404);
    expect(p.lines.join('\n')).not.toContain('Fault injection');
    await server.close();
    expect(events.slice(2)).toEqual(['smtp closed', 'mailbox closed']);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('keeps SMTP on loopback when the web server listens on every interface', async () => {
    const events: string[] = [];
    const p = parts(events);
    const config = parseConfig(['--host', '0.0.0.0', '--port', '0', '--smtp-port', '0', '--data', dataDir()], {});
    const server = await startServer(config, p);
    await server.close();
    // The listener takes mail with no sign-in: it must not be reachable from the network.
    expect(events[1]).toBe('smtp 127.0.0.1:0');
    expect(p.lines.join('\n')).toMatch(/SMTP on 127\.0\.0\.1:\d+ \(this machine only\)/);
  });

  it('takes faults to inject when TERN_FAULTS=1, and says so', async () => {
    const p = parts([]);
    const config = parseConfig(['--port', '0', '--smtp-port', '0', '--data', dataDir()], { TERN_FAULTS: '1' });
    const server = await startServer(config, p);
    try {
      expect(await (await fetch(`${server.url}/admin/faults`)).json()).toEqual({ faults: [] });
      expect(p.lines.join('\n')).toContain(`Fault injection is on: ${server.url}/admin/faults`);
    } finally {
      await server.close();
    }
  });

  it('does not print a password the operator chose', async () => {
    const p = parts([]);
    // Any free ports: a Tern running on this machine must not fail the test.
    const config = parseConfig(['--port', '0', '--smtp-port', '0', '--data', dataDir()], {
      TERN_DEMO_PASSWORD: 'correct horse',
      TERN_SESSION_SECRET: 'x'.repeat(32),
    });
    const server = await startServer(config, p);
    const signin = await (await fetch(`${server.url}/signin`)).text();
    await server.close();
    expect(p.lines.join('\n')).not.toContain('correct horse');
    expect(p.lines.join('\n')).toContain('TERN_DEMO_PASSWORD');
    // Nor does the sign-in page claim the password was printed.
    expect(signin).toContain('the password set in TERN_DEMO_PASSWORD');
    expect(signin).not.toContain('correct horse');
  });

  it('starts in proxy mode without a mailbox or SMTP', async () => {
    const events: string[] = [];
    const p = parts(events);
    const config = parseConfig(
      ['--port', '0', '--data', dataDir(), '--upstream', 'https://mail.example.com/EWS/Exchange.asmx'],
      {},
    );
    const server = await startServer(config, p);
    expect(events).toEqual([]);
    expect(p.lines[0]).toMatch(/proxy mode for https:\/\/mail\.example\.com\/EWS\/Exchange\.asmx/);
    expect((await fetch(`${server.url}/EWS/Exchange.asmx`)).status).toBe(404);
    expect(await (await fetch(`${server.url}/api/session`)).json()).toEqual({ user: null, mode: 'proxy' });
    await server.close();
  });

  it('explains a port that is taken, and closes what it had opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const events: string[] = [];
    try {
      const config = parseConfig(['--port', String(port), '--smtp-port', '0', '--data', dataDir()], {});
      const failure = startServer(config, parts(events));
      await expect(failure).rejects.toThrow(StartError);
      await expect(failure).rejects.toThrow(`Port ${port} is already in use, so HTTP cannot start`);
      expect(events).toContain('mailbox closed');
    } finally {
      blocker.close();
    }
  });
});
