import { parseArgs } from 'node:util';

/** How the server runs: its own mailbox, or a proxy in front of one Exchange server. */
export type ServerMode =
  | {
      kind: 'mailbox';
      seedMessages: number;
      smtpPort: number;
      /** Days the mailbox remembers deletions for clients' sync states (Exchange also bounds this). */
      tombstoneDays: number;
      /** TERN_FAULTS: take faults to inject at /admin/faults (tests and demos). */
      faultInjection: boolean;
    }
  | { kind: 'proxy'; upstream: URL };

/** Everything `main.ts` needs, read from flags first, then the environment, then defaults. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  mode: ServerMode;
  demoPassword: string;
  /** TERN_SESSION_SECRET; without it the shell keeps a generated key in `<dataDir>/session.key`. */
  sessionSecret?: string;
}

/** A setting that cannot be used; the message says which one and what would work. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

// The runtime contract in DESIGN.md: these names are what operators, tests and the README use.
const OPTIONS = {
  port: { type: 'string', env: 'PORT' },
  host: { type: 'string', env: 'HOST' },
  data: { type: 'string', env: 'TERN_DATA_DIR' },
  upstream: { type: 'string', env: 'TERN_EWS_URL' },
  'seed-messages': { type: 'string', env: 'TERN_SEED_MESSAGES' },
  'smtp-port': { type: 'string', env: 'TERN_SMTP_PORT' },
  'tombstone-days': { type: 'string', env: 'TERN_TOMBSTONE_DAYS' },
} as const;

type Name = keyof typeof OPTIONS;

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: './data',
  seedMessages: 2000,
  smtpPort: 2525,
  tombstoneDays: 30,
  demoPassword: 'demo',
} as const;

// The seed generator is built and measured for up to 100,000 messages.
const MAX_SEED_MESSAGES = 100_000;
// Ten years: beyond that, keeping deletions is keeping them forever.
const MAX_TOMBSTONE_DAYS = 3650;

/** Reads the settings; pure (argv and env come in), so every rule is a unit test. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerConfig {
  let values: Partial<Record<Name, string>>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.keys(OPTIONS).map((k) => [k, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }) as { values: Partial<Record<Name, string>> });
  } catch (e) {
    throw new ConfigError(`${e instanceof Error ? e.message : String(e)}. Known flags: ${flagList()}.`);
  }
  const get = (name: Name): string | undefined => {
    const v = values[name] ?? env[OPTIONS[name].env];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const upstream = get('upstream');
  const config: ServerConfig = {
    port: integer(get('port'), 'port', DEFAULTS.port, 0, 65535),
    host: get('host') ?? DEFAULTS.host,
    dataDir: get('data') ?? DEFAULTS.dataDir,
    mode: upstream
      ? { kind: 'proxy', upstream: upstreamUrl(upstream) }
      : {
          kind: 'mailbox',
          seedMessages: integer(get('seed-messages'), 'seed-messages', DEFAULTS.seedMessages, 0, MAX_SEED_MESSAGES),
          smtpPort: integer(get('smtp-port'), 'smtp-port', DEFAULTS.smtpPort, 0, 65535),
          tombstoneDays: integer(
            get('tombstone-days'),
            'tombstone-days',
            DEFAULTS.tombstoneDays,
            1,
            MAX_TOMBSTONE_DAYS,
          ),
          faultInjection: onOff(env['TERN_FAULTS'], 'TERN_FAULTS'),
        },
    demoPassword: env['TERN_DEMO_PASSWORD'] || DEFAULTS.demoPassword,
  };
  const secret = env['TERN_SESSION_SECRET'];
  if (secret !== undefined && secret !== '') {
    // 32 characters is the floor for a secret that keys AES-256 through HKDF.
    if (secret.length < 32) throw new ConfigError('TERN_SESSION_SECRET must be at least 32 characters long.');
    config.sessionSecret = secret;
  }
  return config;
}

function flagList(): string {
  return Object.keys(OPTIONS)
    .map((k) => `--${k}`)
    .join(', ');
}

function describe(name: Name): string {
  return `--${name} (${OPTIONS[name].env})`;
}

function integer(raw: string | undefined, name: Name, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new ConfigError(`${describe(name)} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}

function onOff(raw: string | undefined, name: string): boolean {
  const v = raw?.trim().toLowerCase() ?? '';
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw new ConfigError(`${name} must be 1 (on) or 0 (off), not "${raw}".`);
}

function upstreamUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `${describe('upstream')} must be a full URL such as https://mail.example.com/EWS/Exchange.asmx, not "${raw}".`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`${describe('upstream')} must be an http or https URL, not "${url.protocol}".`);
  // Credentials in the URL would be sent for every user; each user signs in with their own.
  if (url.username || url.password)
    throw new ConfigError(`${describe('upstream')} must not contain a user name or password.`);
  url.hash = '';
  return url;
}
