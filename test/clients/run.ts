/**
 * `npm run test:clients`: real third-party EWS clients against the embedded mailbox. It installs
 * the clients when missing (as root), starts a Tern server in mailbox mode on a free port with a
 * fresh data directory and a small seed, drives Thunderbird 153 ESR (native EWS, headless, through
 * Marionette), exchangelib and DavMail (IMAP/SMTP) through a realistic day of mail, verifies every
 * step on the server through EWS, and prints a table. The SOAP of every exchange is kept in the
 * run directory.
 *
 *   npm run test:clients [-- --only thunderbird|exchangelib|davmail] [--keep] [--seed N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDavmail } from './davmail/check.js';
import { deliverAttachedEmail } from './attached-email.js';
import { checkExchangelib } from './exchangelib/check.js';
import { Probe } from './probe.js';
import { Report } from './report.js';
import { DAVMAIL, ensureClients, PYTHON, REQUIREMENTS, THUNDERBIRD } from './requirements.js';
import { SoapLog } from './soap-log.js';
import { startTern, type TernUnderTest } from './tern-server.js';
import { checkThunderbird } from './thunderbird/check.js';

// Past this the run is stuck somewhere no step timeout covers: stop, and say so.
const WATCHDOG_MS = 15 * 60_000;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '60' },
  },
});
const print = (line: string) => console.log(line);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 60 || seed > 100_000) {
  // Below 60 the Inbox runs out of messages for one per action across the three clients.
  print(`--seed takes a whole number of messages from 60 to 100000, not "${values.seed}".`);
  process.exit(2);
}
const only = values.only?.toLowerCase();
const wanted = REQUIREMENTS.filter((r) => !only || r.client.toLowerCase() === only);
if (!wanted.length) {
  print(`--only takes one of: ${REQUIREMENTS.map((r) => r.client.toLowerCase()).join(', ')}.`);
  process.exit(2);
}
if (!ensureClients(wanted, print)) process.exit(2);

const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'tern-clients-'));
const log = new SoapLog(join(dir, 'soap.log'));
const report = new Report(log);
let tern: TernUnderTest | undefined;
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
const watchdog = setTimeout(() => {
  print(`Stopped after ${WATCHDOG_MS / 60_000} minutes; results so far:`);
  report.print(print);
  process.exit(3);
}, WATCHDOG_MS);
watchdog.unref();

try {
  tern = await startTern(join(dir, 'data'), seed, log);
  await deliverAttachedEmail(tern.mailbox);
  print(`Tern (mailbox mode, ${seed} seeded messages and one with an attached email) at ${tern.ews}`);
  print(`Every exchange is logged to ${log.file}`);
  const demo = new Probe(tern.ews, 'demo@tern.test', 'demo');
  const ada = new Probe(tern.ews, 'ada@tern.test', 'demo');
  const runners: Record<string, () => Promise<void>> = {
    Thunderbird: async () =>
      checkThunderbird({
        report,
        binary: THUNDERBIRD,
        ews: tern!.ews,
        demo,
        ada,
        dir: mkdtempSync(join(dir, 'thunderbird-')),
        marionettePort: await freePort(),
      }),
    exchangelib: () => checkExchangelib({ report, log, python: PYTHON, ews: tern!.ews, demo, ada, dir }),
    DavMail: async () =>
      checkDavmail({
        report,
        log,
        davmail: DAVMAIL,
        python: PYTHON,
        ews: tern!.ews,
        demo,
        ada,
        dir: mkdtempSync(join(dir, 'davmail-')),
        imapPort: await freePort(),
        smtpPort: await freePort(),
      }),
  };
  // Each client gets the mailbox as the previous one left it; none relies on the seed's exact state.
  for (const r of wanted) {
    const t0 = Date.now();
    print(`Running ${r.client}…`);
    await runners[r.client]!();
    print(`${r.client} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} catch (e) {
  print(`The check itself failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await tern?.close();
}

print('');
report.print(print);
const passed = report.results.filter((r) => r.ok).length;
const failed = report.results.length - passed;
print('');
print(`${passed} passed, ${failed} failed or skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed || process.exitCode) {
  print(`The SOAP of every exchange, and each client's own log, are in ${dir}`);
  process.exitCode = 1;
} else if (!values.keep) rmSync(dir, { recursive: true, force: true });
else print(`Kept ${dir}`);
clearTimeout(watchdog);

/** A port nothing listens on now (for Marionette, which takes it from a pref). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
