import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { recordAction, ActionError } from './actions.js';
import { isQuotaError, LOCAL_DRAFT_PREFIX, MAX_ATTACHMENT_BYTES, storeDraftFiles, sweepFiles } from './files.js';
import { discardEntry } from './outbox-admin.js';
import type { Draft, DraftAttachment } from './outbox-ops.js';
import { openMailDB } from './schema.js';
import { localDraftId } from './local-ids.js';

const freshDB = () => openMailDB('files', { indexedDB: new IDBFactory(), IDBKeyRange });

const file = (name: string, ...bytes: number[]) => ({
  name,
  contentType: 'application/octet-stream',
  bytes: new Uint8Array(bytes).buffer,
});

const draft = (attachments: DraftAttachment[]): Draft => ({
  to: [{ name: '', email: 'ada@tern.test' }],
  cc: [],
  bcc: [],
  subject: 'Files',
  text: 'See attached',
  attachments,
});

const forwarded = (size: number): DraftAttachment => ({
  kind: 'forward',
  sourceId: 'm1',
  attachmentId: 'a1',
  name: 'report.pdf',
  contentType: 'application/pdf',
  size,
});

describe('storeDraftFiles', () => {
  it('keeps the bytes as a Blob and the draft naming them, in one write', async () => {
    const db = freshDB();
    const added = await storeDraftFiles(db, 'k1', [file('a.bin', 0, 0xff, 0x80), file('empty.txt')], (list) => ({
      attachments: list,
    }));
    expect(added.map((a) => [a.name, a.size])).toEqual([
      ['a.bin', 3],
      ['empty.txt', 0],
    ]);
    const meta = await db.meta.get(LOCAL_DRAFT_PREFIX + 'k1');
    expect(meta?.value).toEqual({ attachments: added });
    const row = await db.files.get((added[0] as { fileId: string }).fileId);
    expect([...new Uint8Array(await row!.blob.arrayBuffer())]).toEqual([0, 0xff, 0x80]);
  });

  it('a full disk stores nothing and says so', async () => {
    const db = freshDB();
    db.files.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const err = await storeDraftFiles(db, 'k1', [file('big.iso', 1)], (list) => ({ attachments: list })).catch(
      (e: unknown) => e,
    );
    expect(isQuotaError(err)).toBe(true);
    expect(await db.files.count()).toBe(0);
    expect(await db.meta.get(LOCAL_DRAFT_PREFIX + 'k1')).toBeUndefined();
  });

  it('tells a full disk from other failures', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});

describe('sweepFiles', () => {
  it('deletes only the files no local draft and no outbox entry names', async () => {
    const db = freshDB();
    const [kept] = await storeDraftFiles(db, 'open', [file('kept')], (list) => ({ attachments: list }));
    const [queued] = await storeDraftFiles(db, 'sent', [file('queued')], (list) => ({ attachments: list }));
    const [dropped] = await storeDraftFiles(db, 'open', [file('dropped')], () => ({ attachments: [kept] }));
    await recordAction(db, { kind: 'send', draft: draft([queued!]) });
    await db.meta.delete(LOCAL_DRAFT_PREFIX + 'sent');
    expect(await db.files.count()).toBe(3);
    expect(await sweepFiles(db)).toBe(1);
    const left = (await db.files.toCollection().primaryKeys()).sort();
    const ids = (a: DraftAttachment | undefined) => (a?.kind === 'file' ? a.fileId : '');
    expect(left).toEqual([ids(kept), ids(queued)].sort());
    expect(left).not.toContain(ids(dropped));
  });

  it('a send discarded from the outbox takes its files along', async () => {
    const db = freshDB();
    const [att] = await storeDraftFiles(db, 'k', [file('x', 1, 2)], (list) => ({ attachments: list }));
    await recordAction(db, { kind: 'send', draft: draft([att!]) });
    await db.meta.delete(LOCAL_DRAFT_PREFIX + 'k');
    const [entry] = await db.outbox.toArray();
    await discardEntry(db, entry!.seq!);
    expect(await db.files.count()).toBe(0);
  });
});

describe('validation of attachments', () => {
  it('accepts files and forwarded attachments up to the limit, an empty file included', async () => {
    const db = freshDB();
    const empty: DraftAttachment = { kind: 'file', fileId: 'f', name: 'e.txt', contentType: 'text/plain', size: 0 };
    await recordAction(db, { kind: 'send', draft: draft([empty, forwarded(MAX_ATTACHMENT_BYTES)]) });
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses more than the limit, a file without id, a size that is no size', async () => {
    const db = freshDB();
    const send = (attachments: DraftAttachment[]) => recordAction(db, { kind: 'send', draft: draft(attachments) });
    await expect(send([forwarded(MAX_ATTACHMENT_BYTES), forwarded(1)])).rejects.toThrow(/25 MB/);
    await expect(send([{ kind: 'file', fileId: '', name: 'a', contentType: '', size: 1 }])).rejects.toThrow(
      ActionError,
    );
    await expect(send([forwarded(-1)])).rejects.toThrow(/size/);
    await expect(send([{ ...forwarded(1), name: '' }])).rejects.toThrow(/no name/);
    await expect(
      recordAction(db, { kind: 'send', draft: draft([forwarded(1)]), draftId: 'server-draft-id' }),
    ).rejects.toThrow(/already saved on the server/);
    // Remade, only a draft that is on the server: a new or local one has nothing to remake.
    const remade = { ...draft([forwarded(1)]), remake: true as const };
    await expect(recordAction(db, { kind: 'send', draft: remade })).rejects.toThrow(/made again/);
    await expect(recordAction(db, { kind: 'save-draft', draft: remade, draftId: localDraftId('x') })).rejects.toThrow(
      /made again/,
    );
    expect(await db.outbox.count()).toBe(0);
  });

  it('accepts a draft on the server remade with a new list of files, an empty one included', async () => {
    const db = freshDB();
    await recordAction(db, {
      kind: 'save-draft',
      draft: { ...draft([forwarded(1)]), remake: true },
      draftId: 'server-draft-id',
    });
    await recordAction(db, { kind: 'send', draft: { ...draft([]), remake: true }, draftId: 'other-draft-id' });
    expect(await db.outbox.count()).toBe(2);
  });
});
