import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxReason } from '../../db/index.js';
import { createTranslator, loadLanguage } from '../i18n/translate.js';
import { outboxReasonText } from './outbox-reason-text.js';

describe('outboxReasonText', () => {
  beforeAll(() => loadLanguage('fr'));
  const en = createTranslator('en', 'en-GB');

  it('says why a move or a new folder stopped, naming the folder when it is known', () => {
    expect(outboxReasonText({ code: 'target-gone', folder: 'Doomed', count: 1 }, en)).toBe(
      "Couldn't move the message: the folder “Doomed” no longer exists on the server.",
    );
    expect(outboxReasonText({ code: 'target-gone', count: 3 }, en)).toBe(
      "Couldn't move 3 messages: the folder no longer exists on the server.",
    );
    expect(outboxReasonText({ code: 'parent-gone', name: 'Trips', folder: 'Travel' }, en)).toBe(
      "Couldn't create the folder “Trips”: the folder “Travel” no longer exists on the server.",
    );
    expect(outboxReasonText({ code: 'parent-gone', name: 'Trips' }, en)).toBe(
      "Couldn't create the folder “Trips”: its parent folder no longer exists.",
    );
  });

  it('says which attachment a forward or a send lost, in both languages', () => {
    const fr = createTranslator('fr', 'fr-FR');
    expect(outboxReasonText({ code: 'original-gone', name: 'report.pdf' }, en)).toBe(
      'The original message was deleted, or moved by another mail program, so its attachment “report.pdf” cannot be forwarded. If it was moved, Retry once it shows in its new folder; otherwise discard this send and write the message again without it.',
    );
    expect(outboxReasonText({ code: 'original-gone', name: 'report.pdf' }, fr)).toContain('« report.pdf »');
    expect(outboxReasonText({ code: 'file-missing', name: 'a.bin' }, fr)).toContain('« a.bin »');
  });

  it('says a remade draft lost a file of the draft it replaces, not of a forwarded message', () => {
    const entry = {
      opId: 'o',
      state: 'parked',
      attempts: 0,
      createdAt: 0,
      op: {
        kind: 'save-draft',
        draftId: 'srv',
        draft: { to: [], cc: [], bcc: [], subject: 'S', text: '', attachments: [], remake: true },
      },
    } as const satisfies OutboxEntry;
    const text = outboxReasonText({ code: 'original-gone', name: 'notes.txt' }, en, entry);
    expect(text).toContain('The draft saved on the server before was deleted');
    expect(text).toContain('“notes.txt”');
    const plain = { ...entry, op: { ...entry.op, draft: { ...entry.op.draft, remake: undefined } } };
    expect(outboxReasonText({ code: 'original-gone', name: 'notes.txt' }, en, plain)).toContain('original message');
  });

  it('gives known EWS codes plain words and names any other as the server did', () => {
    expect(outboxReasonText({ code: 'refused', ews: 'ErrorQuotaExceeded', detail: 'Over quota' }, en)).toBe(
      'The mailbox on the server is full.',
    );
    expect(outboxReasonText({ code: 'refused', ews: 'ErrorStaleObject' }, en)).toBe(
      'The message was changed elsewhere at the same time.',
    );
    expect(outboxReasonText({ code: 'refused', ews: 'ErrorInvalidOperation', detail: 'Not here' }, en)).toBe(
      'The server refused the change (ErrorInvalidOperation: Not here).',
    );
    expect(outboxReasonText({ code: 'refused', ews: 'ErrorSchemaValidation' }, en)).toBe(
      'The server refused the change (ErrorSchemaValidation).',
    );
    expect(outboxReasonText({ code: 'no-answer' }, en)).toBe('The server did not answer for this change.');
    expect(outboxReasonText({ code: 'bug', detail: 'x is {undefined}' }, en)).toBe(
      'Something went wrong in Tern: x is {undefined}',
    );
  });

  it('says how often it was tried, and what a change waits for or failed with', () => {
    const busy: OutboxReason = { code: 'refused', ews: 'ErrorServerBusy', attempts: 5 };
    expect(outboxReasonText(busy, en)).toBe(
      'Tried 5 times without success. The server refused the change (ErrorServerBusy).',
    );
    expect(outboxReasonText({ code: 'waiting' }, en)).toBe('Waiting for a change it needs to reach the server first.');
    expect(outboxReasonText({ code: 'needs-discarded' }, en)).toBe('It needs a change that was discarded.');
    expect(outboxReasonText({ code: 'needs-failed', cause: { code: 'parent-gone', name: 'Trips' } }, en)).toBe(
      "It needs a change that failed: Couldn't create the folder “Trips”: its parent folder no longer exists.",
    );
    // A creator parked by an older version carries a sentence.
    expect(outboxReasonText({ code: 'needs-failed', cause: 'The server said no.' }, en)).toBe(
      'It needs a change that failed: The server said no.',
    );
    expect(outboxReasonText({ code: 'holds-moved', count: 2 }, en)).toBe(
      'On the server the folder still holds 2 messages you moved out of it, whose move failed: retry or discard that move first, or they go with the folder.',
    );
  });

  it('words the notes, one or many', () => {
    expect(outboxReasonText({ code: 'messages-gone', count: 1 }, en)).toBe(
      'The message was deleted on the server before your change reached it.',
    );
    expect(outboxReasonText({ code: 'messages-gone', count: 2 }, en)).toBe(
      '2 messages were deleted on the server before your change reached them.',
    );
    expect(outboxReasonText({ code: 'discarded-too', count: 1 }, en)).toBe(
      'A change that needed the discarded one was discarded too.',
    );
    expect(outboxReasonText({ code: 'discarded-too', count: 3 }, en)).toBe(
      '3 changes that needed the discarded one were discarded too.',
    );
    expect(outboxReasonText({ code: 'folder-gone' }, en)).toBe(
      'The folder was deleted on the server before your change reached it.',
    );
  });

  it('shows a sentence stored by an older version as it is, and a code it does not know by name', () => {
    expect(outboxReasonText('The mailbox on the server is full.', en)).toBe('The mailbox on the server is full.');
    expect(outboxReasonText(undefined, en)).toBe('');
    expect(outboxReasonText({ code: 'from-the-future' } as unknown as OutboxReason, en)).toBe('from-the-future');
  });

  it('speaks French with the same facts', () => {
    const fr = createTranslator('fr', 'fr-FR');
    expect(outboxReasonText({ code: 'target-gone', folder: 'Doomed', count: 1 }, fr)).toBe(
      'Impossible de déplacer le message : le dossier « Doomed » n’existe plus sur le serveur.',
    );
    expect(outboxReasonText({ code: 'messages-gone', count: 2 }, fr)).toMatch(/^2 messages ont été supprimés/);
    expect(outboxReasonText({ code: 'refused', ews: 'ErrorAccessDenied', attempts: 5 }, fr)).toBe(
      '5 essais sans succès. Le serveur a refusé la modification : autorisation manquante.',
    );
  });

  it('has words for every reason in both languages', () => {
    const fr = createTranslator('fr', 'fr-FR');
    const all: OutboxReason[] = [
      { code: 'refused', ews: 'ErrorFolderExists' },
      { code: 'no-answer' },
      { code: 'unreadable' },
      { code: 'connection' },
      { code: 'bug', detail: 'boom' },
      { code: 'unknown-sent' },
      { code: 'send-lost' },
      { code: 'waiting' },
      { code: 'needs-discarded' },
      { code: 'needs-failed', cause: { code: 'connection' } },
      { code: 'holds-moved', count: 1 },
      { code: 'parent-gone', name: 'N', folder: 'P' },
      { code: 'target-gone', folder: 'F', count: 2 },
      { code: 'messages-gone', count: 1 },
      { code: 'folder-gone' },
      { code: 'discarded-too', count: 2 },
      { code: 'kept-in-drafts' },
    ];
    for (const reason of all)
      for (const t of [en, fr]) {
        const text = outboxReasonText(reason, t);
        expect(text, `${t.language} ${reason.code}`).toMatch(/^\S.*[.:)A-Za-z]$/);
        expect(text, `${t.language} ${reason.code}`).not.toMatch(/\{\w+\}/);
      }
    expect(new Set(all.map((r) => outboxReasonText(r, en))).size).toBe(all.length);
  });
});
