import { appendFileSync } from 'node:fs';

/** One HTTP exchange at the EWS endpoint, as the check's server saw it. */
export interface Exchange {
  seq: number;
  /** Who sent it, from the User-Agent (the probe marks its own). */
  agent: string;
  method: string;
  /** The operation: the local name of the first child of soap:Body. */
  operation: string;
  status: number;
  /** `ResponseClass:ResponseCode` of every response message that is not a plain success, and faults. */
  problems: string[];
  /** MessageText of those problems, for the table. */
  texts: string[];
}

/**
 * Every request and answer at `/EWS/Exchange.asmx`: a one-line summary in memory (for the table of
 * failures) and the full SOAP both ways in `file`, which is what tells why a client broke.
 */
export class SoapLog {
  readonly exchanges: Exchange[] = [];
  readonly errors: string[] = [];

  constructor(readonly file: string) {}

  record(agent: string, method: string, request: string, status: number, answer: string): void {
    const seq = this.exchanges.length + 1;
    const operation =
      /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([\w]+)/.exec(request)?.[1] ?? (method === 'POST' ? '?' : method);
    const problems: string[] = [];
    const texts: string[] = [];
    for (const m of answer.matchAll(
      /ResponseClass="(Warning|Error)"[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?\w+ResponseMessage>/g,
    )) {
      const code = /ResponseCode[^>]*>(\w+)</.exec(m[2]!)?.[1] ?? '?';
      problems.push(`${m[1]}:${code}`);
      const text = /MessageText>([^<]*)</.exec(m[2]!)?.[1];
      if (text) texts.push(text);
    }
    const fault = /<faultstring[^>]*>([^<]*)</.exec(answer)?.[1];
    if (fault) {
      problems.push(`Fault:${/ResponseCode[^>]*>(\w+)</.exec(answer)?.[1] ?? '?'}`);
      texts.push(fault);
    }
    this.exchanges.push({ seq, agent, method, operation, status, problems, texts });
    appendFileSync(
      this.file,
      `\n===== #${seq} ${method} ${operation} from ${agent} -> HTTP ${status}\n--- request\n${request}\n--- answer\n${answer}\n`,
    );
  }

  /** Something the server reported outside an answer (an unexpected error). */
  error(line: string): void {
    this.errors.push(line);
    appendFileSync(this.file, `\n===== server error\n${line}\n`);
  }

  /** Where the log stands now; `since(mark)` gives what came after. */
  mark(): number {
    return this.exchanges.length;
  }

  since(mark: number, agent?: string): Exchange[] {
    return this.exchanges.slice(mark).filter((e) => !agent || e.agent.startsWith(agent));
  }
}

/** One line per exchange: `#12 GetItem HTTP 200 Error:ErrorItemNotFound (The item …)`. */
export function describe(e: Exchange): string {
  const problems = e.problems.length ? ` ${e.problems.join(', ')}` : '';
  const texts = e.texts.length ? ` (${e.texts.join('; ').slice(0, 200)})` : '';
  return `#${e.seq} ${e.operation} HTTP ${e.status}${problems}${texts}`;
}
