import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A third-party client the check drives, and how to tell it is installed. */
export interface Requirement {
  client: string;
  /** The Debian package that brings it. */
  apt: string;
  present: () => boolean;
}

export const PYTHON = '/usr/bin/python3';
export const THUNDERBIRD = '/usr/bin/thunderbird';
export const DAVMAIL = '/usr/bin/davmail';

export const REQUIREMENTS: Requirement[] = [
  { client: 'Thunderbird', apt: 'thunderbird', present: () => existsSync(THUNDERBIRD) },
  {
    client: 'exchangelib',
    apt: 'python3-exchangelib',
    present: () =>
      existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import exchangelib'], { stdio: 'ignore' }).status === 0,
  },
  // Driven over IMAP and SMTP with Python's standard library.
  { client: 'DavMail', apt: 'davmail', present: () => existsSync(DAVMAIL) && existsSync(PYTHON) },
];

/**
 * Installs the missing clients with apt-get when running as root; otherwise says the exact
 * command and returns false. Debian's packages are the ones EWS-CLIENTS.md was written against
 * (Thunderbird 153 ESR from bookworm-security, exchangelib 4.9.0, DavMail 6.0.1).
 */
export function ensureClients(wanted: Requirement[], print: (line: string) => void): boolean {
  const missing = wanted.filter((r) => !r.present());
  if (!missing.length) return true;
  const packages = missing.map((r) => r.apt);
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (process.getuid?.() !== 0) {
    print(`Missing: ${missing.map((r) => r.client).join(', ')}. Install them as root with:`);
    print(`  sudo sh -c '${command}'`);
    return false;
  }
  print(`Installing ${packages.join(', ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: 15 * 60_000 });
    if (r.status !== 0) {
      print(`apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}).`);
      return false;
    }
  }
  const still = missing.filter((r) => !r.present());
  if (still.length) print(`Still missing after apt-get: ${still.map((r) => r.client).join(', ')}.`);
  return still.length === 0;
}
