import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Report } from './report.js';
import type { SoapLog } from './soap-log.js';

/** What a flow script prints after each step: `STEP <json>`. */
interface StepLine {
  step: string;
  ok: boolean;
  data?: Record<string, unknown>;
  error?: string;
  trace?: string[];
}

/** Checks one step on the server from what the client reported; returns the table's detail. */
export type Verify = (data: Record<string, unknown>) => Promise<string>;

export interface PythonFlow {
  report: Report;
  log: SoapLog;
  client: string;
  /** Part of the User-Agent of the client's EWS requests. */
  agent: string;
  python: string;
  script: string;
  args: string[];
  /** Every step the script may report, in order, with its server-side check. */
  steps: [name: string, verify: Verify][];
  /** Where the script's stderr goes. */
  stderrFile: string;
  /** No single step takes longer than this against a small mailbox. */
  stepTimeoutMs?: number;
}

/**
 * Runs a Python flow one step at a time: the script does a step with the client library and prints
 * `STEP {"step", "ok", "data"|"error"}`, then waits for a line on stdin; this side checks the step
 * on the server before letting it go on, so each step's exchanges and failure stay its own. Steps
 * the script never reached are skipped; the process is killed at the end whatever happened.
 */
export async function runPythonFlow(f: PythonFlow): Promise<void> {
  const timeout = f.stepTimeoutMs ?? 60_000;
  const verify = new Map(f.steps);
  const child = spawn(f.python, [f.script, ...f.args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.pipe(createWriteStream(f.stderrFile));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`${f.script} exited (${signal ?? `code ${code}`})`)),
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const seen = new Set<string>();
  // The script runs a step, then reports it: the step began when it was let go.
  let since = { mark: f.log.mark(), at: Date.now() };
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        lines.next(),
        exited.then((why) => ({ done: true as const, value: why })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no step finished within ${timeout / 1000} s`)), timeout);
        }),
      ]).finally(() => clearTimeout(timer));
      if (next.done) break;
      if (!next.value.startsWith('STEP ')) continue;
      const line = JSON.parse(next.value.slice(5)) as StepLine;
      seen.add(line.step);
      await f.report.step(
        f.client,
        line.step,
        f.agent,
        async () => {
          if (!line.ok)
            throw new Error(`${line.error ?? 'failed'}${line.trace ? ` [${line.trace.slice(-3).join(' / ')}]` : ''}`);
          const check = verify.get(line.step);
          if (!check) throw new Error('the script reported a step this side does not know');
          return check(line.data ?? {});
        },
        { since },
      );
      since = { mark: f.log.mark(), at: Date.now() };
      child.stdin.write('next\n');
    }
  } catch (e) {
    f.report.fail(f.client, 'flow', e instanceof Error ? e.message : String(e));
  } finally {
    child.stdin.end();
    child.kill('SIGKILL');
  }
  for (const [step] of f.steps) if (!seen.has(step)) f.report.skip(f.client, step, 'not reached');
}
