import { describe, expect, it } from 'vitest';
import { splitQuotedTail } from './quoted-tail.js';

describe('splitQuotedTail', () => {
  it('folds the quoted message under a reply, with the line that introduces it', () => {
    const text = 'Yes, Friday works.\n\n-- \nAda\n\nOn Monday, Grace wrote:\n> Lunch on Friday?\n>\n> G.\n\n';
    expect(splitQuotedTail(text)).toEqual({
      written: 'Yes, Friday works.\n\n-- \nAda',
      quoted: 'On Monday, Grace wrote:\n> Lunch on Friday?\n>\n> G.',
    });
  });

  it('leaves quotes answered in between where they are: only the end is folded', () => {
    const text = '> First question?\nAnswer one.\n> Second question?\nAnswer two.\n\nOn Monday, Grace wrote:\n> Hi';
    expect(splitQuotedTail(text)).toEqual({
      written: '> First question?\nAnswer one.\n> Second question?\nAnswer two.',
      quoted: 'On Monday, Grace wrote:\n> Hi',
    });
    expect(splitQuotedTail('> First question?\nAnswer one.')).toBeUndefined();
  });

  it('folds from Outlook’s “Original Message” rule and the From line under it', () => {
    const text = 'See below.\n\n-----Original Message-----\nFrom: Grace\nSent: Monday\n\nLunch on Friday?';
    expect(splitQuotedTail(text)).toEqual({
      written: 'See below.',
      quoted: '-----Original Message-----\nFrom: Grace\nSent: Monday\n\nLunch on Friday?',
    });
    expect(splitQuotedTail('A rule\n-----Original Message-----\nnot a header')).toBeUndefined();
  });

  it('folds nothing of a message that is all quote, or has none', () => {
    expect(splitQuotedTail('On Monday, Grace wrote:\n> Hi')).toBeUndefined();
    expect(splitQuotedTail('> Hi\n> there')).toBeUndefined();
    expect(splitQuotedTail('Just words.\nNo quote: here.')).toBeUndefined();
    expect(splitQuotedTail('')).toBeUndefined();
  });

  it('takes the introducing line across blank lines, and only one ending with a colon', () => {
    expect(splitQuotedTail('Thanks.\nGrace wrote:\n\n> Hi')).toEqual({
      written: 'Thanks.',
      quoted: 'Grace wrote:\n\n> Hi',
    });
    expect(splitQuotedTail('Thanks.\nSee you\n> Hi')).toEqual({ written: 'Thanks.\nSee you', quoted: '> Hi' });
  });
});
