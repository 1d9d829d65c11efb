import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateItem, FindFolder, MoveItem, decodeResponse, encodeRequest } from '../ews/index.js';
import { createApp } from './app.js';
import { FOLDERS_PER_REQUEST, MAIL_SEARCH_PATH, SEARCH_LIMIT, searchWords } from './mail-search.js';
import { ORIGIN, signInCookie } from './testing/http.js';
import { mimeMessage } from './testing/seed-attachments.js';
import { openMailbox } from './mailbox/index.js';
import { inboxItems, recording } from './testing/test-mailbox.js';

// Each delivery a second after the one before, so the newest first order is one order.
let now = Date.UTC(2026, 5, 1);
const shared = openMailbox({
  dataDir: ':memory:',
  seedMessages: 0,
  throttle: { burst: 100_000, rechargePerSecond: 100_000 },
  clock: () => (now += 1000),
});
afterAll(() => shared.close());

// Past the preview (the first 255 characters), so only the server's search can find what follows.
const FILLER = 'Nothing to see in the first lines of this message. '.repeat(8);

/** Delivers a plain-text message to `user`'s Inbox; returns its id. */
async function deliver(subject: string, text: string, user = 'demo@tern.test'): Promise<string> {
  await shared.deliver(mimeMessage({ from: 'Ada <ada@example.org>', to: `<${user}>`, subject, text }), [user]);
  const item = (await inboxItems(shared, 512, user)).find((i) => i.subject === subject);
  if (!item?.itemId) throw new Error(`"${subject}" is not in the Inbox`);
  return item.itemId.id;
}

/** How many folders of demo's hold mail (plain folders of the IPF.Note kinds). */
async function mailFolderCount(): Promise<number> {
  const soap = encodeRequest(FindFolder, {
    traversal: 'Deep',
    folderShape: { baseShape: 'Default' },
    parentFolderIds: [{ distinguished: 'msgfolderroot' }],
  });
  const [m] = decodeResponse(FindFolder, (await shared.handle('demo@tern.test', soap)).body).messages;
  return m!.rootFolder!.folders.filter((f) => f.kind === 'Folder' && f.folderClass?.startsWith('IPF.Note') !== false)
    .length;
}

async function archive(id: string): Promise<string> {
  const move = encodeRequest(MoveItem, {
    toFolderId: { distinguished: 'archive' },
    itemIds: [{ id }],
    returnNewItemIds: true,
  });
  return decodeResponse(MoveItem, (await shared.handle('demo@tern.test', move)).body).messages[0]!.items![0]!.itemId!
    .id;
}

let report: string;
let archived: string;

beforeAll(async () => {
  report = await deliver('Lunch', `${FILLER} The quarterly zebrafish report is attached.`);
  await deliver('Other news', `${FILLER} Nothing about fish here.`);
  archived = await archive(await deliver('Notes', `${FILLER} Zébrafish numbers, as promised.`));
  await deliver('Theirs', `${FILLER} Ada's own zebrafish.`, 'ada@tern.test');
  // Not a mail folder: the device keeps no calendar, so the search leaves it out.
  const inCalendar = encodeRequest(CreateItem, {
    messageDisposition: 'SaveOnly',
    savedItemFolderId: { distinguished: 'calendar' },
    items: [{ kind: 'Message', subject: 'Zebrafish tank cleaning', body: { bodyType: 'Text', value: 'Zebrafish.' } }],
  });
  const created = decodeResponse(CreateItem, (await shared.handle('demo@tern.test', inCalendar)).body);
  expect(created.messages[0]!.responseClass).toBe('Success');
});

async function setup() {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {}, faultInjection: true });
  const cookie = await signInCookie(app);
  const search = (body: unknown, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${MAIL_SEARCH_PATH}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const fault = (spec: Record<string, unknown>) =>
    app.request(`${ORIGIN}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [spec] }),
    });
  return { app, mailbox, search, fault };
}

describe('POST /api/search', () => {
  it('finds words past the preview in every mail folder, newest first, case and accents aside', async () => {
    const { mailbox, search } = await setup();
    const res = await search({ query: 'ZEBRAFISH' });
    expect(res.status).toBe(200);
    // Ada's message is hers alone.
    expect(await res.json()).toEqual({ ids: [archived, report], complete: true });
    // One request lists the folders; each of the others searches a batch of them.
    const folders = await mailFolderCount();
    expect(folders).toBeGreaterThan(FOLDERS_PER_REQUEST);
    expect(mailbox.calls.map((c) => c.op)).toEqual([
      'FindFolder',
      ...Array<string>(Math.ceil(folders / FOLDERS_PER_REQUEST)).fill('FindItem'),
    ]);
  });

  it('wants every word, in the subject or the text', async () => {
    const { search } = await setup();
    expect(await (await search({ query: 'zebrafish quartérly' })).json()).toEqual({ ids: [report], complete: true });
    expect(await (await search({ query: 'lunch zebrafish' })).json()).toEqual({ ids: [report], complete: true });
    expect(await (await search({ query: 'zebrafish unicorn' })).json()).toEqual({ ids: [], complete: true });
  });

  it('answers the newest matches of all folders together, and says when there were more', async () => {
    const { search } = await setup();
    // Older ones in the Archive; the Inbox alone holds more than an answer takes.
    for (let n = 0; n < 3; n++) await archive(await deliver(`Old walrus ${n}`, 'A walrus.'));
    const ids: string[] = [];
    for (let n = 0; n < SEARCH_LIMIT + 20; n++) ids.push(await deliver(`Walrus ${n}`, 'A walrus.'));
    expect(await (await search({ query: 'walrus' })).json()).toEqual({
      ids: ids.reverse().slice(0, SEARCH_LIMIT),
      complete: false,
    });
    // All of them when they fit in one answer.
    const few = await search({ query: 'old walrus' });
    expect(((await few.json()) as { ids: string[]; complete: boolean }).complete).toBe(true);
  });

  it('keeps one-letter words and repeats out of the search, and refuses a query with no word left', async () => {
    expect(searchWords(' a  Zebra zebra  é 🦓🦓 ')).toEqual(['zebra', '🦓🦓']);
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(8);
    const { search, mailbox } = await setup();
    const res = await search({ query: ' a b ' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Type a word of two letters or more to search for.');
    expect((await search('{"query":')).status).toBe(400);
    expect((await search({ words: 'zebrafish' })).status).toBe(400);
    expect(mailbox.calls).toEqual([]);
  });

  it('refuses another site, a form’s content type and a request without a session', async () => {
    const { app, search, mailbox } = await setup();
    expect((await search({ query: 'zebrafish' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await search({ query: 'zebrafish' }, { 'content-type': 'text/plain' })).status).toBe(415);
    const anonymous = await app.request(`${ORIGIN}${MAIL_SEARCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ query: 'zebrafish' }),
    });
    expect(anonymous.status).toBe(401);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 503 with Retry-After when the server is busy', async () => {
    const { search, fault } = await setup();
    expect((await fault({ kind: 'busy-message', op: 'FindItem', backOffMs: 4200 })).status).toBe(200);
    const res = await search({ query: 'zebrafish' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.text()).toBe('The mail server is busy and asked Tern to wait: try the search again in 5 s.');
  });
});
