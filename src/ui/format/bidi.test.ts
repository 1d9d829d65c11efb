import { describe, expect, it } from 'vitest';
import { isolate, plainFileName } from './bidi.js';

describe('isolate', () => {
  it('wraps text in a first-strong isolate that ends what the text opened', () => {
    expect(isolate('\u202Emoc.knab')).toBe('\u2068\u202Emoc.knab\u2069');
    expect(isolate('Ada')).toBe('\u2068Ada\u2069');
  });

  it('leaves empty text empty', () => {
    expect(isolate('')).toBe('');
  });
});

describe('plainFileName', () => {
  it('drops every bidirectional control, so the real extension shows', () => {
    expect(plainFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(plainFileName('\u2067a\u2069\u200F\u200E\u061C\u202A\u202B\u202C\u202D.txt')).toBe('a.txt');
  });

  it('keeps right-to-left letters and everything else', () => {
    expect(plainFileName('تقرير 2026.pdf')).toBe('تقرير 2026.pdf');
    expect(plainFileName('Plan B (final).eml')).toBe('Plan B (final).eml');
  });
});
