// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { foldQuotedTail } from './fold-quote.js';

function fold(html: string): { folded: boolean; shown: string; quoted: string | undefined } {
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  const folded = foldQuotedTail(root, 'Quoted message');
  const details = root.querySelector('details.tern-quoted');
  const quoted = details?.cloneNode(true) as Element | undefined;
  quoted?.querySelector('summary')?.remove();
  details?.remove();
  const text = (n: Node | undefined) => n?.textContent?.replace(/\s+/g, ' ').trim();
  return { folded, shown: text(root)!, quoted: text(quoted) };
}

describe('foldQuotedTail', () => {
  it('folds Gmail’s quote, attribution and all', () => {
    const html = `<div dir="ltr">Friday suits me.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Ada wrote:</div>
      <blockquote class="gmail_quote">Shall we meet?</blockquote></div>`;
    expect(fold(html)).toEqual({
      folded: true,
      shown: 'Friday suits me.',
      quoted: 'On Mon, Ada wrote: Shall we meet?',
    });
  });

  it('folds a cited blockquote with the line introducing it, as Apple Mail and Thunderbird write them', () => {
    const html = `<p>Yes.</p><div class="moz-cite-prefix">On 1/12, Ada wrote:</div><blockquote type="cite"><p>Lunch?</p></blockquote><p><br></p>`;
    expect(fold(html)).toEqual({ folded: true, shown: 'Yes.', quoted: 'On 1/12, Ada wrote:Lunch?' });
  });

  it('folds Outlook’s answered message: its header, the rule above it and all that follows', () => {
    const html = `<div><p>See below.</p><hr><div id="user-content-divRplyFwdMsg"><b>From:</b> Ada<br><b>Sent:</b> Monday</div>
      <p>Lunch on Friday?</p><p>Ada</p></div>`;
    expect(fold(html)).toEqual({
      folded: true,
      shown: 'See below.',
      quoted: 'From: AdaSent: Monday Lunch on Friday?Ada',
    });
  });

  it('leaves a quote answered in between, an unmarked one and a message that is all quote as they are', () => {
    const between = `<blockquote type="cite">First?</blockquote><p>Answer one.</p><blockquote type="cite">Second?</blockquote><p>Answer two.</p>`;
    expect(fold(between)).toMatchObject({ folded: false, quoted: undefined });
    expect(fold('<p>Yes.</p><blockquote>Lunch?</blockquote>').folded).toBe(false);
    expect(fold('<div class="gmail_quote">Forwarded: Lunch?</div>').folded).toBe(false);
    expect(fold('<img src="data:image/png;base64,AA=="><div class="gmail_quote">Lunch?</div>').folded).toBe(true);
  });
});
