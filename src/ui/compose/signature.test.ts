import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openMailDB } from '../../db/index.js';
import { NO_SIGNATURE, readSignature, saveSignature, SIGNATURE_MAX, withSignature } from './signature.js';

const sig = { text: 'Ada Lovelace\nAnalytical Engines Ltd', onReplies: true };

describe('withSignature', () => {
  it('puts the signature under a new message’s first lines, after the "-- " line', () => {
    expect(withSignature('', 'new', sig)).toBe('\n\n-- \nAda Lovelace\nAnalytical Engines Ltd');
  });

  it('puts it above a reply’s or a forward’s quoted message, unless it is for new messages only', () => {
    const reply = '\n\nOn Monday, Grace wrote:\n> Hello';
    expect(withSignature(reply, 'reply', sig)).toBe(
      '\n\n-- \nAda Lovelace\nAnalytical Engines Ltd\n\nOn Monday, Grace wrote:\n> Hello',
    );
    expect(withSignature(reply, 'forward', sig)).toContain('Ltd\n\nOn Monday');
    expect(withSignature(reply, 'reply-all', { ...sig, onReplies: false })).toBe(reply);
    expect(withSignature('', 'new', { ...sig, onReplies: false })).toContain('-- \nAda');
  });

  it('adds nothing for an empty signature, and trims the blank lines at its end', () => {
    expect(withSignature('', 'new', { text: '  \n ', onReplies: true })).toBe('');
    expect(withSignature('', 'new', { text: 'Ada\r\n\r\n', onReplies: true })).toBe('\n\n-- \nAda');
  });
});

describe('readSignature', () => {
  it('keeps it in the store, bounded, and reads a missing or malformed entry as none', async () => {
    const db = openMailDB('signature', { indexedDB: new IDBFactory(), IDBKeyRange });
    expect(await readSignature(db)).toEqual(NO_SIGNATURE);
    await saveSignature(db, { text: 'x'.repeat(SIGNATURE_MAX + 10), onReplies: false });
    expect(await readSignature(db)).toEqual({ text: 'x'.repeat(SIGNATURE_MAX), onReplies: false });
    await db.meta.put({ key: 'signature', value: 42 });
    expect(await readSignature(db)).toEqual(NO_SIGNATURE);
  });
});
