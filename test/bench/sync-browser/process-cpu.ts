import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by Chromium process type (browser, renderer, utility…), summed over processes. */
export type CpuByType = Record<string, number>;

let ticksPerSecond: number | undefined;

/**
 * CPU time of every process descended from this one, grouped by Chromium's `--type=` (the browser
 * process has none). Read from /proc (Linux), so the split shows where a sync's time goes: the
 * renderer runs the engine, the browser process runs IndexedDB and the network. Empty elsewhere.
 */
export function chromiumCpu(): CpuByType {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return {};
  }
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at its closing parenthesis.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid)
      if (p === process.pid) return true;
    return false;
  };
  const out: CpuByType = {};
  for (const [pid, { ticks }] of procs) {
    if (!isOurs(pid)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!/chrom/i.test(cmd.split('\0')[0] ?? '')) continue;
    // Utilities are named by their service (NetworkService, StorageService…).
    const type = /--utility-sub-type=[\w.]*\.(\w+)/.exec(cmd)?.[1] ?? /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
    out[type] = (out[type] ?? 0) + ticks / ticksPerSecond;
  }
  return out;
}

/** What each process type used between two readings. */
export function cpuSince(before: CpuByType, after: CpuByType): CpuByType {
  const out: CpuByType = {};
  for (const [type, s] of Object.entries(after)) out[type] = s - (before[type] ?? 0);
  return out;
}
