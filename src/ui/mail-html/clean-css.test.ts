import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCss } from './clean-css.js';

// Pieces that hostile CSS is built from, so generated inputs hit the interesting cases often.
const token = fc.constantFrom(
  'url(',
  'u\\72l(',
  '\\5c 75rl(',
  'u\\rl(',
  ')',
  '@import ',
  '@im',
  'port',
  'image-set(',
  'position:fixed',
  'expres',
  'sion(',
  'java',
  'script:',
  '!important',
  'expression(',
  '/*',
  '*/',
  '"',
  "'",
  ';',
  ':',
  'https://attacker.test/x',
  'color:red',
  ' ',
  '\\',
  '<',
  '>',
);

describe('cleanCss', () => {
  it('keeps ordinary declarations', () => {
    expect(cleanCss('color:red; font-weight:bold')).toBe('color:red; font-weight:bold');
  });

  it('removes fetches written plainly, escaped or escaped twice', () => {
    for (const css of ['background:url(https://a.test/x)', 'background:u\\72l(https://a.test/x)', 'b:\\5c 75rl(x)']) {
      expect(cleanCss(css)).not.toMatch(/url\s*\(/i);
    }
    expect(cleanCss('@import "https://a.test/s.css"; p{color:red}')).toBe('none p{color:red}');
  });

  it('reaches a fixed point when removing a piece makes a comment (found by the property below)', () => {
    const once = cleanCss('*/!important*/');
    expect(cleanCss(once)).toBe(once);
  });

  it('empties styles whose script appears only once other pieces are removed', () => {
    expect(cleanCss('width:expres!importantsion(alert(1))')).toBe('');
  });

  it('empties styles that try to run script', () => {
    expect(cleanCss('width:expression(alert(1))')).toBe('');
    expect(cleanCss('behavior:url(x.htc)')).toBe('');
    expect(cleanCss('background:j\\61vascript:x')).toBe('');
  });

  it('turns fixed overlays into static boxes', () => {
    expect(cleanCss('position : fixed; top:0 !important')).toBe('position:static; top:0');
  });

  it('is idempotent and leaves no fetch, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const once = cleanCss(parts.join(''));
        expect(cleanCss(once)).toBe(once);
        expect(once).not.toMatch(
          /url\s*\(|@import|image-set\s*\(|position\s*:\s*fixed|!\s*important|expression\s*\(|javascript:/i,
        );
      }),
      { numRuns: 500 },
    );
  });
});
