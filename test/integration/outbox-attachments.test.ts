import { afterEach, describe, expect, it } from 'vitest';
import { DeleteItem, FindItem, GetAttachment, GetItem, MoveItem, type Attachment } from '../../src/ews/index.js';
import {
  distinguishedFolder,
  LOCAL_DRAFT_PREFIX,
  recordAction,
  storeDraftFiles,
  sweepFiles,
  type Draft,
  type DraftAttachment,
} from '../../src/db/index.js';
import { retryEntry } from '../../src/db/outbox-admin.js';
import { mimeMessage } from '../../src/server/testing/seed-attachments.js';
import { forwardedAttachments } from '../../src/ui/compose/attachments.js';
import { ADA, DEMO, Harness } from './sync-harness.js';

let h: Harness;
afterEach(() => h?.close());

/** Every byte value, twice, and a length that is not a multiple of 3. */
const BINARY = Uint8Array.from({ length: 512 + 2 }, (_, i) => (i * 37 + 11) & 0xff);
const TEXT = new TextEncoder().encode('Ordre du jour : café, thé — et 𝄞.\n');

const toAda = (subject: string, attachments: DraftAttachment[], source?: Draft['source']): Draft => ({
  to: [{ name: 'Ada', email: ADA }],
  cc: [],
  bcc: [],
  subject,
  text: 'See attached.',
  attachments,
  ...(source && { source }),
});

async function started() {
  h = await Harness.open(0);
  const engine = h.engine();
  await engine.runPass('startup');
  return engine;
}

/** Stores files the way the composer does: bytes in `files`, named by a local draft. */
async function attach(...files: [string, string, Uint8Array][]): Promise<DraftAttachment[]> {
  const list = files.map(([name, contentType, bytes]) => ({ name, contentType, bytes: bytes.slice().buffer }));
  return storeDraftFiles(h.db, 'composer', list, (attachments) => ({ attachments }));
}

/**
 * A message's attachments as `user` reads them from the server: name → bytes (base64); an
 * attached message's bytes are its MIME source when `mime` asks for it.
 */
async function serverAttachments(
  subject: string,
  folder: string,
  user: string,
  mime = false,
): Promise<Map<string, string>[]> {
  const [found] = await h.ews(
    FindItem,
    {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
      parentFolderIds: [{ distinguished: folder }],
    },
    user,
  );
  const ids = (found?.rootFolder?.items ?? []).filter((i) => i.subject === subject).map((i) => i.itemId!);
  const out: Map<string, string>[] = [];
  for (const id of ids) {
    const [got] = await h.ews(
      GetItem,
      { itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] }, itemIds: [id] },
      user,
    );
    const metas = got?.items?.[0]?.attachments ?? [];
    const contents = metas.length
      ? await h.ews(
          GetAttachment,
          { attachmentShape: { includeMimeContent: mime }, attachmentIds: metas.map((a) => a.attachmentId!) },
          user,
        )
      : [];
    const bytes = (a: Attachment) => a.content ?? a.item?.mimeContent ?? '';
    out.push(new Map(contents.map((m) => [m.attachments![0]!.name!, bytes(m.attachments![0]!)])));
  }
  return out;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Ada sends the demo user a message with a PDF attached. */
async function deliverWithAttachment(subject: string, pdf: Uint8Array): Promise<void> {
  const mime = mimeMessage({
    from: `Ada <${ADA}>`,
    to: `Demo <${DEMO}>`,
    subject,
    date: new Date(h.clock.now()),
    text: 'The report.',
    files: [{ name: 'report.pdf', type: 'application/pdf', bytes: pdf }],
  });
  expect(await h.mailbox.deliver(mime, [DEMO], ADA)).toContain(DEMO);
}

/** The forward's reference to the original's attachment, as the composer records it. */
async function forwardOf(subject: string): Promise<{ source: Draft['source']; refs: DraftAttachment[] }> {
  const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
  const row = (await h.rowsIn(inbox.id)).find((r) => r.subject === subject)!;
  const [got] = await h.ews(GetItem, {
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
    itemIds: [{ id: row.id }],
  });
  const refs = (got?.items?.[0]?.attachments ?? []).map((a): DraftAttachment => ({
    kind: 'forward',
    sourceId: row.id,
    ...(row.internetMessageId && { messageId: row.internetMessageId }),
    attachmentId: a.attachmentId!,
    name: a.name!,
    contentType: a.contentType ?? '',
    size: a.size ?? 0,
  }));
  return { source: { id: row.id, mode: 'forward' }, refs };
}

describe('attachments', () => {
  it('a send with two files reaches Ada with both, byte for byte, and the local copies go', async () => {
    const engine = await started();
    const files = await attach(['data.bin', 'application/octet-stream', BINARY], ['agenda.txt', 'text/plain', TEXT]);
    await recordAction(h.db, { kind: 'send', draft: toAda('Two files', files) });
    await h.db.meta.delete(LOCAL_DRAFT_PREFIX + 'composer');
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    const [received] = await serverAttachments('Two files', 'inbox', ADA);
    expect(received).toEqual(
      new Map([
        ['data.bin', b64(BINARY)],
        ['agenda.txt', b64(TEXT)],
      ]),
    );
    expect(await serverAttachments('Two files', 'sentitems', DEMO)).toHaveLength(1);
    // The page sweeps (src/ui/file-sweep.ts): nothing names the files any more.
    expect(await sweepFiles(h.db)).toBe(2);
  });

  it('a draft saved to the server carries its files; they stay here while the local draft names them', async () => {
    const engine = await started();
    const files = await attach(['notes.txt', 'text/plain', TEXT]);
    await recordAction(h.db, { kind: 'save-draft', draft: toAda('Draft with a file', files) });
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await serverAttachments('Draft with a file', 'drafts', DEMO)).toEqual([new Map([['notes.txt', b64(TEXT)]])]);
    expect(await h.db.files.count()).toBe(1);
    await h.db.meta.delete(LOCAL_DRAFT_PREFIX + 'composer');
    expect(await sweepFiles(h.db)).toBe(1);
  });

  it('an empty file is sent as an empty attachment', async () => {
    const engine = await started();
    const files = await attach(['empty.txt', 'text/plain', new Uint8Array(0)]);
    await recordAction(h.db, { kind: 'send', draft: toAda('Empty file', files) });
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await serverAttachments('Empty file', 'inbox', ADA)).toEqual([new Map([['empty.txt', '']])]);
  });

  it('a forward carries the original’s attachment, fetched from the server when it replays', async () => {
    const engine = await started();
    const pdf = Uint8Array.from({ length: 3000 }, (_, i) => (i * 13) & 0xff);
    await deliverWithAttachment('Quarterly report', pdf);
    await engine.runPass('poll');
    const { source, refs } = await forwardOf('Quarterly report');
    expect(refs.map((r) => r.name)).toEqual(['report.pdf']);
    await recordAction(h.db, { kind: 'send', draft: toAda('Fwd: Quarterly report', refs, source) });
    const mark = h.sent.length;
    await engine.runPass('outbox');
    expect(h.requestsSince(mark).slice(0, 3)).toEqual(['GetAttachment', 'CreateItem', 'SendItem']);
    expect(await serverAttachments('Fwd: Quarterly report', 'inbox', ADA)).toEqual([
      new Map([['report.pdf', b64(pdf)]]),
    ]);
  });

  it('a forward whose original was deleted is parked with the reason, and nothing is sent', async () => {
    const engine = await started();
    await deliverWithAttachment('Gone soon', Uint8Array.of(1, 2, 3));
    await engine.runPass('poll');
    const { source, refs } = await forwardOf('Gone soon');
    await recordAction(h.db, { kind: 'send', draft: toAda('Fwd: Gone soon', refs, source) });
    await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id: source!.id }] });
    await engine.runPass('outbox');
    const [entry] = await h.db.outbox.toArray();
    expect(entry).toMatchObject({ state: 'parked', error: { code: 'original-gone', name: 'report.pdf' } });
    expect(await serverAttachments('Fwd: Gone soon', 'inbox', ADA)).toEqual([]);
    expect(await serverAttachments('Fwd: Gone soon', 'drafts', DEMO)).toEqual([]);
  });

  it('a forward whose original another program moved is held, and a retry finds it by its Message-ID', async () => {
    const engine = await started();
    const pdf = Uint8Array.from({ length: 900 }, (_, i) => (i * 5) & 0xff);
    await deliverWithAttachment('Moved elsewhere', pdf);
    await engine.runPass('poll');
    const { source, refs } = await forwardOf('Moved elsewhere');
    await recordAction(h.db, { kind: 'send', draft: toAda('Fwd: Moved elsewhere', refs, source) });
    // Another mail program moves the original before the forward goes out: its id changes.
    await h.ews(MoveItem, { toFolderId: { distinguished: 'deleteditems' }, itemIds: [{ id: source!.id }] });
    await engine.runPass('outbox');
    const [held] = await h.db.outbox.toArray();
    expect(held).toMatchObject({ state: 'parked', error: { code: 'original-gone', name: 'report.pdf' } });
    // The same pass brought the original here in its new folder, under a new id.
    expect(await h.db.messages.get(source!.id)).toBeUndefined();
    await retryEntry(h.db, held!.seq!);
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await serverAttachments('Fwd: Moved elsewhere', 'inbox', ADA)).toEqual([
      new Map([['report.pdf', b64(pdf)]]),
    ]);
  });

  it('a forward of a message moved just before it carries the attachment, whose id the move changed', async () => {
    const engine = await started();
    const pdf = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7) & 0xff);
    await deliverWithAttachment('To the archive', pdf);
    await engine.runPass('poll');
    const { source, refs } = await forwardOf('To the archive');
    const archive = (await h.db.folders.filter((f) => f.name === 'Archive').first())!;
    await recordAction(h.db, { kind: 'move', ids: [source!.id], toFolderId: archive.id });
    await recordAction(h.db, { kind: 'send', draft: toAda('Fwd: To the archive', refs, source) });
    const mark = h.sent.length;
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    // The old id is not found; the message, asked under its new id, names the file again.
    expect(h.requestsSince(mark).slice(0, 4)).toEqual(['MoveItem', 'GetAttachment', 'GetItem', 'GetAttachment']);
    expect(await serverAttachments('Fwd: To the archive', 'inbox', ADA)).toEqual([new Map([['report.pdf', b64(pdf)]])]);
  });

  it('an attached email is kept as an .eml file, and a forward carries it line for line, moved or not', async () => {
    const engine = await started();
    // Ada forwards the demo user a message as an attachment (message/rfc822), as Outlook does.
    const inner = mimeMessage({
      from: 'Bob <bob@example.org>',
      to: `Ada <${ADA}>`,
      subject: 'Budget =?utf-8?q?r=C3=A9vis=C3=A9?=',
      text: 'The numbers, revised.',
    });
    const outer = mimeMessage({
      from: `Ada <${ADA}>`,
      to: `Demo <${DEMO}>`,
      subject: 'See the message below',
      date: new Date(h.clock.now()),
      text: 'Forwarded as an attachment.',
      files: [{ name: 'forwarded.eml', type: 'message/rfc822', bytes: new TextEncoder().encode(inner) }],
    });
    await h.mailbox.deliver(outer, [DEMO], ADA);
    await engine.runPass('poll');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const row = (await h.rowsIn(inbox.id)).find((r) => r.subject === 'See the message below')!;
    // The server lists it as an ItemAttachment (named by its subject, no ContentType); the device
    // keeps it as the file it downloads and forwards as.
    const body = (await engine.fetchBody(row.id))!;
    expect(body.attachments).toMatchObject([{ name: 'Budget révisé.eml', contentType: 'message/rfc822' }]);

    const archive = (await h.db.folders.filter((f) => f.name === 'Archive').first())!;
    for (const [n, moved] of [
      [1, false],
      [2, true],
    ] as const) {
      const subject = `Fwd ${n}: See the message below`;
      const refs = forwardedAttachments(row, body.attachments);
      if (moved) await recordAction(h.db, { kind: 'move', ids: [row.id], toFolderId: archive.id });
      await recordAction(h.db, { kind: 'send', draft: toAda(subject, refs, { id: row.id, mode: 'forward' }) });
      await engine.runPass('outbox');
      expect(await h.db.outbox.count()).toBe(0);
      const [received] = await serverAttachments(subject, 'inbox', ADA, true);
      expect([...received!.keys()]).toEqual(['Budget révisé']);
      // The same message, line for line (it travels unencoded, so a line end may follow the last line).
      const mime = Buffer.from(received!.get('Budget révisé')!, 'base64').toString('utf8');
      expect(mime.replace(/\r\n$/, '')).toBe(inner);
    }
  });

  it('a reply to a message moved just before it stays in the thread', async () => {
    const engine = await started();
    await h.deliver('Moved, then answered');
    await engine.runPass('poll');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const original = (await h.rowsIn(inbox.id)).find((r) => r.subject === 'Moved, then answered')!;
    const archive = (await h.db.folders.filter((f) => f.name === 'Archive').first())!;
    await recordAction(h.db, { kind: 'move', ids: [original.id], toFolderId: archive.id });
    await recordAction(h.db, {
      kind: 'send',
      draft: toAda('Re: Moved, then answered', [], { id: original.id, mode: 'reply' }),
    });
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    const [found] = await h.ews(
      FindItem,
      {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
        parentFolderIds: [{ distinguished: 'inbox' }],
      },
      ADA,
    );
    const reply = found!.rootFolder!.items.find((i) => i.subject === 'Re: Moved, then answered')!;
    const [got] = await h.ews(
      GetItem,
      { itemShape: { baseShape: 'IdOnly', includeMimeContent: true }, itemIds: [reply.itemId!] },
      ADA,
    );
    const mime = Buffer.from(got!.items![0]!.mimeContent!, 'base64').toString('utf8');
    expect(mime).toContain(`In-Reply-To: ${original.internetMessageId}`);
  });

  it('a lost answer after CreateItem does not send twice, and the one copy has the file', async () => {
    const engine = await started();
    const files = await attach(['data.bin', 'application/octet-stream', BINARY]);
    await recordAction(h.db, { kind: 'send', draft: toAda('Once with a file', files) });
    await h.db.meta.delete(LOCAL_DRAFT_PREFIX + 'composer');
    await h.faults([{ kind: 'apply-then-drop', op: 'CreateItem' }]);
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(1);
    expect(await h.db.files.count()).toBe(1);
    await engine.runPass('online');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await serverAttachments('Once with a file', 'inbox', ADA)).toEqual([new Map([['data.bin', b64(BINARY)]])]);
    expect(await sweepFiles(h.db)).toBe(1);
  });

  describe('a draft on the server whose files change is made again', () => {
    const SUBJECT = 'Draft to rework';

    /** A draft saved to the server with notes.txt and data.bin, and its row and body here. */
    async function serverDraft() {
      const engine = await started();
      const files = await attach(['notes.txt', 'text/plain', TEXT], ['data.bin', 'application/octet-stream', BINARY]);
      await recordAction(h.db, { kind: 'save-draft', draft: toAda(SUBJECT, files) });
      await h.db.meta.delete(LOCAL_DRAFT_PREFIX + 'composer');
      await engine.runPass('outbox');
      const drafts = (await distinguishedFolder(h.db, 'drafts'))!;
      const [row] = (await h.rowsIn(drafts.id)).filter((r) => r.subject === SUBJECT);
      // The files have server ids once the body is fetched again, in the same pass.
      const body = await h.db.bodies.get(row!.id);
      expect(body?.attachments.map((a) => a.name).sort()).toEqual(['data.bin', 'notes.txt']);
      return { engine, drafts, id: row!.id, kept: forwardedAttachments(row!, body!.attachments) };
    }

    /** The composer's draft after removing data.bin and adding agenda.txt. */
    async function reworked(kept: DraftAttachment[]): Promise<Draft> {
      const added = await attach(['agenda.txt', 'text/plain', TEXT]);
      const notes = kept.filter((a) => a.name === 'notes.txt');
      return { ...toAda(SUBJECT, [...notes, ...added]), text: 'Now with the agenda.', remake: true };
    }

    it('saved: one draft on the server with the kept file and the new one, and the row here follows it', async () => {
      const { engine, drafts, id, kept } = await serverDraft();
      await recordAction(h.db, { kind: 'save-draft', draftId: id, draft: await reworked(kept) });
      await engine.runPass('outbox');
      expect(await h.db.outbox.count()).toBe(0);
      expect(await serverAttachments(SUBJECT, 'drafts', DEMO)).toEqual([
        new Map([
          ['notes.txt', b64(TEXT)],
          ['agenda.txt', b64(TEXT)],
        ]),
      ]);
      const rows = (await h.rowsIn(drafts.id)).filter((r) => r.subject === SUBJECT);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(id);
      expect(rows[0]!.hasAttachments).toBe(1);
      const body = await h.db.bodies.get(rows[0]!.id);
      expect(body?.content).toContain('Now with the agenda.');
      expect(body?.attachments.map((a) => a.name).sort()).toEqual(['agenda.txt', 'notes.txt']);
      // Not even in Deleted Items: the old draft was replaced, not thrown away by the user.
      expect(await serverAttachments(SUBJECT, 'deleteditems', DEMO)).toEqual([]);
    });

    it('sent: Ada gets the kept file and the new one, and Drafts keeps neither copy', async () => {
      const { engine, id, kept } = await serverDraft();
      await recordAction(h.db, { kind: 'send', draftId: id, draft: await reworked(kept) });
      await engine.runPass('outbox');
      expect(await h.db.outbox.count()).toBe(0);
      expect(await serverAttachments(SUBJECT, 'inbox', ADA)).toEqual([
        new Map([
          ['notes.txt', b64(TEXT)],
          ['agenda.txt', b64(TEXT)],
        ]),
      ]);
      expect(await serverAttachments(SUBJECT, 'drafts', DEMO)).toEqual([]);
    });

    it('a lost answer after the new CreateItem makes one draft all the same, and the old one goes', async () => {
      const { engine, id, kept } = await serverDraft();
      await recordAction(h.db, { kind: 'save-draft', draftId: id, draft: await reworked(kept) });
      await h.faults([{ kind: 'apply-then-drop', op: 'CreateItem' }]);
      await engine.runPass('outbox');
      expect(await h.db.outbox.count()).toBe(1);
      await engine.runPass('online');
      expect(await h.db.outbox.count()).toBe(0);
      const found = await serverAttachments(SUBJECT, 'drafts', DEMO);
      expect(found).toHaveLength(1);
      expect([...found[0]!.keys()].sort()).toEqual(['agenda.txt', 'notes.txt']);
    });

    it('an old draft deleted elsewhere first is no error when it keeps none of its files', async () => {
      const { engine, id } = await serverDraft();
      await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id }] });
      const only = await reworked([]);
      await recordAction(h.db, { kind: 'save-draft', draftId: id, draft: only });
      await engine.runPass('outbox');
      expect(await h.db.outbox.count()).toBe(0);
      expect(await serverAttachments(SUBJECT, 'drafts', DEMO)).toEqual([new Map([['agenda.txt', b64(TEXT)]])]);
    });

    it('an old draft deleted elsewhere took the files it kept: the save is held, naming the file', async () => {
      const { engine, id, kept } = await serverDraft();
      await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id }] });
      await recordAction(h.db, { kind: 'save-draft', draftId: id, draft: await reworked(kept) });
      await engine.runPass('outbox');
      const [entry] = await h.db.outbox.toArray();
      expect(entry?.state).toBe('parked');
      expect(entry?.error).toMatchObject({ code: 'original-gone', name: 'notes.txt' });
      expect(await serverAttachments(SUBJECT, 'drafts', DEMO)).toEqual([]);
    });
  });
});
