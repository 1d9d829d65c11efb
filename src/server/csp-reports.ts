import { Hono } from 'hono';
import type { Env } from './connection.js';
import { mediaType } from './media-type.js';
import { BodyTooLarge, readBody } from './read-body.js';

/** Where browsers send the app's CSP and Trusted Types violations (`Reporting-Endpoints`). */
export const CSP_REPORT_PATH = '/api/csp-report';
/** The name the CSP's `report-to` gives that endpoint. */
export const CSP_REPORT_GROUP = 'csp';

const MAX_REPORT_BYTES = 64 * 1024;
/** Lines logged a minute at most: a page stuck in a loop, or a forger, cannot flood the log. */
export const MAX_LOGGED_PER_MINUTE = 20;

/** The fields of a report an operator needs, from either format browsers send. */
interface Violation {
  directive: string;
  blocked: string;
  page: string;
  sample: string;
}

/**
 * `POST /api/csp-report`: a page of Tern's hit its CSP (SECURITY.md §5.6), which is either an
 * attack the policy stopped or a bug of ours; both belong in the server's log. Reports come
 * from the Reporting API (`application/reports+json`, a list) or from older browsers'
 * `report-uri` (`application/csp-report`). Nothing in them is trusted: any page can post here,
 * so they are size-capped, reduced to four short fields, and logged at a bounded rate.
 * @see https://w3c.github.io/webappsec-csp/#reporting
 */
export function cspReports(log: (line: string) => void, clock: () => number = Date.now): Hono<Env> {
  let minute = 0;
  let logged = 0;
  let dropped = 0;
  const app = new Hono<Env>();
  app.post(CSP_REPORT_PATH, async (c) => {
    const type = mediaType(c.req.header('content-type'));
    if (type !== 'application/reports+json' && type !== 'application/csp-report')
      return c.json({ error: 'type', message: 'Send CSP reports as application/reports+json.' }, 415);
    let violations: Violation[];
    try {
      violations = violationsOf(
        JSON.parse(await readBody(c.req.raw.body, MAX_REPORT_BYTES, c.req.header('content-length'))),
      );
    } catch (e) {
      if (e instanceof BodyTooLarge) return c.json({ error: 'too-large', message: `A report is at most 64 KB.` }, 413);
      return c.json({ error: 'malformed', message: 'The report is not JSON of a known shape.' }, 400);
    }
    // A mail's <base> is refused while DOMPurify parses it (a DOMParser document shares the page's
    // policy): the policy at work on mail each time a newsletter is opened, not news for the log.
    for (const v of violations.filter((v) => v.directive !== 'base-uri')) {
      const now = Math.floor(clock() / 60_000);
      if (now !== minute) {
        if (dropped) log(`CSP: ${dropped} more violation reports in the last minute were not logged.`);
        [minute, logged, dropped] = [now, 0, 0];
      }
      if (logged++ < MAX_LOGGED_PER_MINUTE)
        log(`CSP: ${v.directive} blocked ${v.blocked} on ${v.page}${v.sample ? ` (${v.sample})` : ''}`);
      else dropped++;
    }
    return c.body(null, 204);
  });
  return app;
}

function violationsOf(json: unknown): Violation[] {
  // Reporting API: [{ type: 'csp-violation', body: { effectiveDirective, blockedURL, documentURL, sample } }].
  if (Array.isArray(json))
    return json
      .filter((r) => isObject(r) && r['type'] === 'csp-violation' && isObject(r['body']))
      .map((r) => {
        const b = (r as { body: Record<string, unknown> }).body;
        return violation(b['effectiveDirective'], b['blockedURL'], b['documentURL'], b['sample']);
      });
  // report-uri: { 'csp-report': { 'effective-directive', 'blocked-uri', 'document-uri', 'script-sample' } }.
  const r = isObject(json) ? json['csp-report'] : undefined;
  if (!isObject(r)) throw new Error('unknown report');
  return [
    violation(
      r['effective-directive'] ?? r['violated-directive'],
      r['blocked-uri'],
      r['document-uri'],
      r['script-sample'],
    ),
  ];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Short, single-line text: a report is the sender's to write, and must not forge log lines. */
function field(v: unknown, max = 120): string {
  const text = (typeof v === 'string' ? v : '').replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function violation(directive: unknown, blocked: unknown, page: unknown, sample: unknown): Violation {
  // The page without its query or fragment: those can carry what the user searched or opened.
  const where = field(page, 400).replace(/[?#].*$/, '');
  return {
    directive: field(directive, 60) || 'unknown directive',
    blocked: field(blocked) || 'inline',
    page: where,
    sample: field(sample, 60),
  };
}
