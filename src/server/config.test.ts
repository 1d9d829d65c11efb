import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('defaults to a seeded mailbox on 127.0.0.1:8080 with SMTP on 2525', () => {
    expect(parseConfig([], {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      mode: { kind: 'mailbox', seedMessages: 2000, smtpPort: 2525, tombstoneDays: 30, faultInjection: false },
      demoPassword: 'demo',
    });
  });

  it('reads every setting from the environment', () => {
    const config = parseConfig([], {
      PORT: '9000',
      HOST: '0.0.0.0',
      TERN_DATA_DIR: '/var/lib/tern',
      TERN_SEED_MESSAGES: '100000',
      TERN_SMTP_PORT: '2626',
      TERN_TOMBSTONE_DAYS: '90',
      TERN_FAULTS: '1',
      TERN_DEMO_PASSWORD: 'hunter2',
      TERN_SESSION_SECRET: 'x'.repeat(40),
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/tern',
      mode: { kind: 'mailbox', seedMessages: 100000, smtpPort: 2626, tombstoneDays: 90, faultInjection: true },
      demoPassword: 'hunter2',
      sessionSecret: 'x'.repeat(40),
    });
  });

  it('prefers flags to the environment, in both --flag value and --flag=value forms', () => {
    const config = parseConfig(
      ['--port', '1234', '--host=::1', '--data', 'd', '--seed-messages=0', '--smtp-port', '0', '--tombstone-days=7'],
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        TERN_DATA_DIR: 'elsewhere',
        TERN_SEED_MESSAGES: '5',
        TERN_TOMBSTONE_DAYS: '60',
      },
    );
    expect(config.port).toBe(1234);
    expect(config.host).toBe('::1');
    expect(config.dataDir).toBe('d');
    expect(config.mode).toEqual({
      kind: 'mailbox',
      seedMessages: 0,
      smtpPort: 0,
      tombstoneDays: 7,
      faultInjection: false,
    });
  });

  it('takes fault injection only when TERN_FAULTS says 1 or true, and refuses anything else', () => {
    const faults = (value: string) => {
      const { mode } = parseConfig([], { TERN_FAULTS: value });
      return mode.kind === 'mailbox' && mode.faultInjection;
    };
    expect([faults('1'), faults('true'), faults('TRUE'), faults('0'), faults('false'), faults('')]).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(() => parseConfig([], { TERN_FAULTS: 'yes please' })).toThrow(
      'TERN_FAULTS must be 1 (on) or 0 (off), not "yes please".',
    );
  });

  it('switches to proxy mode when an upstream is given', () => {
    const fromFlag = parseConfig(['--upstream', 'https://mail.example.com/EWS/Exchange.asmx#x'], {});
    expect(fromFlag.mode).toEqual({ kind: 'proxy', upstream: new URL('https://mail.example.com/EWS/Exchange.asmx') });
    const fromEnv = parseConfig([], { TERN_EWS_URL: 'http://10.0.0.5/EWS/Exchange.asmx' });
    expect(fromEnv.mode.kind).toBe('proxy');
  });

  it('treats empty environment values as unset', () => {
    expect(parseConfig([], { PORT: '', TERN_EWS_URL: ' ', TERN_SESSION_SECRET: '' }).mode.kind).toBe('mailbox');
  });

  it.each([
    [['--port', 'eighty'], {}, /--port \(PORT\) must be a whole number from 0 to 65535, not "eighty"/],
    [['--port', '70000'], {}, /--port/],
    [[], { PORT: '-1' }, /--port/],
    [[], { TERN_SEED_MESSAGES: '1e3' }, /--seed-messages \(TERN_SEED_MESSAGES\)/],
    [['--seed-messages', '100001'], {}, /from 0 to 100000/],
    [['--smtp-port', '2.5'], {}, /--smtp-port/],
    [['--tombstone-days', '0'], {}, /--tombstone-days \(TERN_TOMBSTONE_DAYS\) must be a whole number from 1 to 3650/],
    [[], { TERN_TOMBSTONE_DAYS: '1.5' }, /--tombstone-days/],
    [['--upstream', 'mail.example.com'], {}, /must be a full URL/],
    [['--upstream', 'ftp://mail.example.com/'], {}, /http or https/],
    [['--upstream', 'https://u:p@mail.example.com/'], {}, /must not contain a user name/],
    [['--prot', '80'], {}, /Unknown option '--prot'.*Known flags: --port/],
    [['serve'], {}, /Known flags/],
    [[], { TERN_SESSION_SECRET: 'short' }, /at least 32 characters/],
  ] as const)('refuses %j %j with a message naming the setting', (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(ConfigError);
    expect(() => parseConfig(argv, env)).toThrow(message);
  });
});
