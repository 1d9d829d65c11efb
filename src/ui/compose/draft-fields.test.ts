// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../db/index.js';
import { messageRow } from '../../db/test-rows.js';
import { draftFields, waitingDraft } from './draft-fields.js';

describe('draftFields', () => {
  it('writes recipients as the To/Cc/Bcc fields take them, and an HTML draft as text with marks', () => {
    const message = {
      ...messageRow('d1', { folderId: 'drafts' }),
      subject: 'Plan',
      to: [{ name: 'Ada Lovelace', email: 'ada@tern.test' }],
      cc: [],
      bcc: [{ name: '', email: 'boss@tern.test' }],
    };
    const fields = draftFields(message, {
      id: 'd1',
      type: 'html',
      content: '<p>First <b>line</b></p><p>Second</p>',
      attachments: [],
      fetchedAt: 0,
      size: 0,
    });
    expect(fields).toMatchObject({ subject: 'Plan', cc: '', bcc: 'boss@tern.test' });
    expect(fields.to).toBe('Ada Lovelace <ada@tern.test>');
    expect(fields.body).toBe('First **line**\nSecond');
    expect(fields.formattingLost).toBeUndefined();
  });

  it('says when an HTML draft has formatting the composer cannot keep', () => {
    const body = { id: 'd1', type: 'html' as const, attachments: [], fetchedAt: 0, size: 0 };
    const message = messageRow('d1', { folderId: 'drafts' });
    const fields = draftFields(message, { ...body, content: '<p style="font-family:Calibri">Hello</p>' });
    expect(fields).toMatchObject({ body: 'Hello', formattingLost: true });
  });
});

describe('waitingDraft', () => {
  const file = { kind: 'file' as const, fileId: 'f1', name: 'a.txt', contentType: 'text/plain', size: 3 };
  const save = (seq: number, draftId: string | undefined, local: string | undefined, attachments = [file]) =>
    ({
      seq,
      opId: `op${seq}`,
      op: { kind: 'save-draft', draft: { to: [], cc: [], bcc: [], subject: '', text: '', attachments }, draftId },
      ...(local && { local: { draftId: local } }),
    }) as unknown as OutboxEntry;

  it('takes the last waiting save of that draft, whether it made the draft or rewrote it', () => {
    const files = (entries: OutboxEntry[]) => waitingDraft(entries, 'local:1')?.attachments;
    expect(files([save(1, undefined, 'local:1')])).toEqual([file]);
    expect(files([save(1, undefined, 'local:1'), save(2, 'local:1', undefined, [])])).toEqual([]);
    expect(waitingDraft([save(1, undefined, 'local:2')], 'local:1')).toBeUndefined();
    expect(waitingDraft([save(1, 'server-1', undefined)], 'server-1')?.attachments).toEqual([file]);
  });
});
