// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAIL_POLICY } from './mail-document.js';
import { printDocument, type PrintHeader } from './print-document.js';

const NONE = { remote: new Map<string, string>(), inline: new Map<string, string>() };

// The HTML path goes through DOMPurify, which needs a real DOM: test/e2e/reading.test.ts prints one.
describe('printDocument', () => {
  it('puts the header above the words, everything from the message as text', () => {
    const header: PrintHeader = {
      subject: '<img src=x onerror=alert(1)>Invoice',
      lines: [
        ['From', 'Mallory <m@evil.test>'],
        ['Date', 'Mon, 30 Nov 2026'],
      ],
    };
    const doc = printDocument(header, { type: 'text', content: 'Hello <b>you</b>\nBye' }, NONE);
    expect(doc).toContain(`content="${MAIL_POLICY}"`);
    expect(doc).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;Invoice</h1>');
    expect(doc).toContain('<dt>From</dt><dd>Mallory &lt;m@evil.test&gt;</dd>');
    expect(doc).toContain('<div class="tern-plain">Hello &lt;b&gt;you&lt;/b&gt;\nBye</div>');
    expect(doc.indexOf('tern-print-header')).toBeLessThan(doc.indexOf('tern-plain">'));
    expect(doc).toContain('color-scheme: light;');
  });
});
