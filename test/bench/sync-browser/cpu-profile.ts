import type { CDPSession } from 'playwright-core';

/** A V8 CPU profile as CDP's `Profiler.stop` returns it (the fields used here). */
interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled ms in the page's main thread. */
  totalMs: number;
  /** Functions by time spent in their own code (ms), largest first. */
  self: [string, number][];
  /** Functions by time with them anywhere on the stack (ms), largest first. */
  inclusive: [string, number][];
}

/** Starts V8's sampling profiler in the page behind `cdp`; call the returned stop to read it. */
export async function startProfile(cdp: CDPSession): Promise<() => Promise<{ raw: unknown; summary: ProfileSummary }>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 }); // µs
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.send('Profiler.disable');
    return { raw: profile, summary: summarize(profile) };
  };
}

/** Names a frame by function and the last part of its script's address: `decodeItem (index.js:120)`. */
function frameName(f: Profile['nodes'][number]['callFrame']): string {
  const file = f.url.split('/').pop() || '';
  const name = f.functionName || '(anonymous)';
  return file ? `${name} (${file}:${f.lineNumber + 1})` : name;
}

export function summarize(profile: Profile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = frameName(byId.get(id)!.callFrame);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = frameName(byId.get(n)!.callFrame);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
      seen.add(name);
    }
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs, self: sorted(self), inclusive: sorted(inclusive) };
}
