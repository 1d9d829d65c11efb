import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import type { ClientLog } from '../report.js';
import { Marionette } from '../marionette.js';

export interface RunningThunderbird {
  marionette: Marionette;
  /** Thunderbird's own errors (ews-rs logs why it refused an answer), from a point on. */
  log: ClientLog;
  /** Why the process ended, once it has (a crash shows here before any command fails). */
  exited(): string | undefined;
  /** Ends the session and the whole process group; SIGKILL if it has not gone after 5 s. */
  close(): Promise<void>;
}

/**
 * Starts Thunderbird headless on `profile` with Marionette (`--remote-allow-system-access` is what
 * lets 153 run chrome-context scripts) in its own process group, so that closing it ends every
 * process it started. Its output goes to `logFile`.
 */
export async function launchThunderbird(
  binary: string,
  profile: string,
  marionettePort: number,
  logFile: string,
): Promise<RunningThunderbird> {
  const out = createWriteStream(logFile);
  const child = spawn(
    binary,
    ['--headless', '--no-remote', '--marionette', '--remote-allow-system-access', '--profile', profile],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    },
  );
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `Thunderbird exited (${signal ?? `code ${code}`})`));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  // However the check ends (a failed step, Ctrl-C, the watchdog), Thunderbird does not outlive it.
  const kill = () => signalGroup(child, 'SIGKILL');
  process.once('exit', kill);
  const close = async () => {
    await stop(child);
    process.off('exit', kill);
  };
  try {
    const marionette = await Marionette.open(marionettePort, 90_000);
    return {
      marionette,
      log: errorLines(logFile),
      exited: () => exit,
      close: async () => {
        marionette.close();
        await close();
      },
    };
  } catch (e) {
    await close();
    throw new Error(`${exit ?? 'Thunderbird started'} but Marionette did not answer: ${String(e)}`, { cause: e });
  }
}

// What Thunderbird prints that says why an EWS action failed; GTK and start-up noise is left out.
const WORTH_SHOWING = /\[(ERROR|WARN)[ \]]|JavaScript error|NS_ERROR/;
const NOISE = /has not been synced yet|Gtk-|gtk_/;

function errorLines(file: string): ClientLog {
  const size = () => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return {
    mark: size,
    since: (mark) =>
      readFileSync(file)
        .subarray(mark)
        .toString('utf8')
        .split('\n')
        .filter((l) => WORTH_SHOWING.test(l) && !NOISE.test(l))
        .map((l) => (l.length > 700 ? `${l.slice(0, 700)}…` : l)),
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
  // The wrapper script may be gone while the real binary lingers in the group.
  signalGroup(child, 'SIGKILL');
}
