/**
 * Makes sure the end-to-end tests have a Chromium (`npm run test:e2e` runs this first): Debian's
 * `chromium` at /usr/bin/chromium, or CHROMIUM_PATH. When it is missing, installs it as root, or
 * stops with the exact command to run. It never lets the tests skip silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (runnable(path)) {
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Chromium for end-to-end tests: ${path}${version ? ` (${version})` : ''}`);
  process.exit(0);
}

if (process.env['CHROMIUM_PATH']) {
  console.error(`CHROMIUM_PATH is set to ${path}, which is not an executable file.`);
  process.exit(1);
}

if (process.getuid?.() !== 0) {
  console.error(
    `Chromium is missing (${path}). The end-to-end tests need it. Install it with:\n\n  sudo sh -c '${INSTALL}'\n`,
  );
  process.exit(1);
}

console.log(`Chromium is missing (${path}); installing Debian's chromium: ${INSTALL}`);
try {
  execFileSync('sh', ['-c', INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
} catch {
  console.error(`Installing Chromium failed. Run this as root, then try again:\n\n  ${INSTALL}\n`);
  process.exit(1);
}
if (!runnable(path)) {
  console.error(`The chromium package installed, but ${path} is still missing.`);
  process.exit(1);
}
console.log(`Chromium installed at ${path}.`);
