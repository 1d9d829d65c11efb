import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { CSP_REPORT_PATH, MAX_LOGGED_PER_MINUTE } from './csp-reports.js';
import { ORIGIN } from './testing/http.js';
import { testMailbox } from './testing/test-mailbox.js';

function setup() {
  const lines: string[] = [];
  let now = Date.UTC(2026, 10, 30, 9);
  const mailbox = testMailbox(0);
  const app = createApp({ mailbox, log: (line) => lines.push(line), clock: () => now });
  const post = (body: string, type = 'application/reports+json') =>
    app.request(`${ORIGIN}${CSP_REPORT_PATH}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { lines, post, tick: (ms: number) => (now += ms), close: () => mailbox.close() };
}

const report = (over: Record<string, unknown> = {}) => ({
  type: 'csp-violation',
  url: 'http://127.0.0.1/',
  body: {
    effectiveDirective: 'require-trusted-types-for',
    blockedURL: 'trusted-types-sink',
    documentURL: 'http://127.0.0.1/?q=secret#/mail/abc',
    sample: 'Element innerHTML|<img src=x>',
    disposition: 'enforce',
    ...over,
  },
});

describe('POST /api/csp-report', () => {
  it('logs what the Reporting API sends, one line a violation, without the page’s query or fragment', async () => {
    const s = setup();
    const res = await s.post(
      JSON.stringify([
        report(),
        report({ effectiveDirective: 'img-src', blockedURL: 'https://evil.test/p.gif', sample: '' }),
      ]),
    );
    expect(res.status).toBe(204);
    expect(s.lines).toEqual([
      'CSP: require-trusted-types-for blocked trusted-types-sink on http://127.0.0.1/ (Element innerHTML|<img src=x>)',
      'CSP: img-src blocked https://evil.test/p.gif on http://127.0.0.1/',
    ]);
    s.close();
  });

  it('reads the older report-uri format too', async () => {
    const s = setup();
    const body = {
      'csp-report': {
        'violated-directive': 'script-src',
        'blocked-uri': 'inline',
        'document-uri': 'http://127.0.0.1/signin',
      },
    };
    expect((await s.post(JSON.stringify(body), 'application/csp-report')).status).toBe(204);
    expect(s.lines).toEqual(['CSP: script-src blocked inline on http://127.0.0.1/signin']);
    // A mail's <base>, refused as DOMPurify parses it, is the policy working as meant.
    await s.post(JSON.stringify([report({ effectiveDirective: 'base-uri', blockedURL: 'https://news.test/' })]));
    expect(s.lines).toHaveLength(1);
    s.close();
  });

  it('cannot forge log lines or fill the log: one line each, short, at a bounded rate', async () => {
    const s = setup();
    await s.post(JSON.stringify([report({ blockedURL: `x\nCSP: forged line ${'y'.repeat(500)}` })]));
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).not.toContain('\n');
    expect(s.lines[0]!.length).toBeLessThan(300);

    const flood = JSON.stringify(Array.from({ length: 50 }, () => report()));
    await s.post(flood);
    expect(s.lines).toHaveLength(MAX_LOGGED_PER_MINUTE);
    s.tick(60_000);
    await s.post(JSON.stringify([report()]));
    expect(s.lines.slice(MAX_LOGGED_PER_MINUTE)).toEqual([
      'CSP: 31 more violation reports in the last minute were not logged.',
      expect.stringContaining('CSP: require-trusted-types-for'),
    ]);
    s.close();
  });

  it('refuses what is not a report, saying why', async () => {
    const s = setup();
    expect((await s.post('{}', 'text/plain')).status).toBe(415);
    expect((await s.post('not json')).status).toBe(400);
    expect((await s.post(JSON.stringify({ nothing: 1 }), 'application/csp-report')).status).toBe(400);
    expect((await s.post(JSON.stringify([report()]).padEnd(70_000, ' '))).status).toBe(413);
    expect(s.lines).toEqual([]);
    s.close();
  });
});
