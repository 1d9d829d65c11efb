import { describe, type SoapLog } from './soap-log.js';

/** One step of one client: what was checked, whether it held, and the evidence when it did not. */
export interface StepResult {
  client: string;
  step: string;
  ok: boolean;
  skipped?: boolean;
  ms: number;
  detail: string;
  /** Server log lines (this client's exchanges and server errors) during a failed step. */
  serverLines: string[];
  /** Errors the client itself logged during a failed step. */
  clientLines?: string[];
}

/** A client's own log, read from a point on (Thunderbird's stderr, with ews-rs's errors). */
export interface ClientLog {
  mark(): number;
  since(mark: number): string[];
}

/**
 * Collects step results for the final table. A step is a function that throws to fail; its
 * exchanges at the EWS endpoint are kept when it fails, so the table shows what the server saw.
 */
export class Report {
  readonly results: StepResult[] = [];

  constructor(private readonly log: SoapLog) {}

  /**
   * Runs `fn` as step `step` of `client`; returns whether it passed. `agent` is a part of the
   * client's User-Agent, to pick its exchanges out of the log. A client that runs a step before
   * the check sees it (exchangelib's flow) passes where the step began (`since`).
   */
  async step(
    client: string,
    step: string,
    agent: string,
    fn: () => Promise<string | void>,
    options: { since?: { mark: number; at: number }; clientLog?: ClientLog } = {},
  ): Promise<boolean> {
    const mark = options.since?.mark ?? this.log.mark();
    const started = options.since?.at ?? Date.now();
    const errors = this.log.errors.length;
    const clientMark = options.clientLog?.mark();
    try {
      const detail = (await fn()) ?? '';
      this.results.push({ client, step, ok: true, ms: Date.now() - started, detail, serverLines: [] });
      return true;
    } catch (e) {
      const exchanges = this.log.since(mark);
      // DavMail sends every request once without credentials: a 401 answered by a retry is noise.
      const mine = exchanges.filter(
        (x, i) =>
          x.agent.includes(agent) &&
          !(x.status === 401 && exchanges[i + 1]?.operation === x.operation && exchanges[i + 1]!.status !== 401),
      );
      const lines = [
        ...(mine.length ? mine : exchanges).slice(-25).map(describe),
        ...this.log.errors.slice(errors).map((l) => l.split('\n').slice(0, 3).join(' | ')),
      ];
      const said = clientMark === undefined ? [] : options.clientLog!.since(clientMark);
      this.results.push({
        client,
        step,
        ok: false,
        ms: Date.now() - started,
        detail: e instanceof Error ? e.message : String(e),
        serverLines: lines,
        clientLines: said.slice(-10),
      });
      return false;
    }
  }

  /** A step that could not run because an earlier one failed, or the client is not installed. */
  skip(client: string, step: string, why: string): void {
    this.results.push({ client, step, ok: false, skipped: true, ms: 0, detail: why, serverLines: [] });
  }

  /** A failure outside any one step (the client process hung or died). */
  fail(client: string, step: string, why: string): void {
    this.results.push({ client, step, ok: false, ms: 0, detail: why, serverLines: [] });
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok && !r.skipped).length;
  }

  /** The table: client, step, PASS/FAIL/SKIP, seconds, detail; server lines under each failure. */
  print(out: (line: string) => void): void {
    const rows = this.results.map((r) => [
      r.client,
      r.step,
      r.skipped ? 'SKIP' : r.ok ? 'PASS' : 'FAIL',
      r.skipped ? '' : (r.ms / 1000).toFixed(1),
      r.detail,
    ]);
    const head = ['client', 'step', 'result', 's', 'detail'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 4 ? 0 : r[i]!.length))));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 4 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    out(line(head));
    out(line(widths.map((w, i) => (i === 4 ? '------' : '-'.repeat(w)))));
    this.results.forEach((r, i) => {
      out(line(rows[i]!));
      for (const s of r.serverLines) out(`${' '.repeat(widths[0]! + 2)}  server: ${s}`);
      for (const s of r.clientLines ?? []) out(`${' '.repeat(widths[0]! + 2)}  ${r.client}: ${s}`);
    });
  }
}
