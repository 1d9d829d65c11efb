import type { Page } from 'playwright-core';
import type { FolderRow, MessageRow } from '../../../src/db/entities.js';

/**
 * Reads and writes the app's IndexedDB ('tern') with the raw IndexedDB API from inside the page:
 * tests check what the worker stored, and fill a folder with many rows, without any test hook in
 * the production bundle.
 */

export function readMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('meta').objectStore('meta').get(k);
          req.onsuccess = () => {
            resolve((req.result as { value?: unknown } | undefined)?.value);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    key,
  );
}

/** Writes one row as it is into a store (a state the app may be left in, made on purpose). */
export function putRow(page: Page, store: string, row: unknown): Promise<void> {
  return page.evaluate(
    ([s, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(s as string, 'readwrite');
          tx.objectStore(s as string).put(value);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, row] as const,
  );
}

export function readAll<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (s) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('tern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(s).objectStore(s).getAll();
          req.onsuccess = () => {
            resolve(req.result as T[]);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/**
 * Adds a mail folder with `count` generated messages (newest first by index: message 0 is the
 * newest), written in batches, and sets the folder's stored counts.
 */
export async function fillFolder(page: Page, folder: { id: string; name: string }, count: number): Promise<void> {
  await page.evaluate(
    async ({ folder, count }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('tern');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      const inbox = await new Promise<{ parentId: string }>((resolve, reject) => {
        const req = db.transaction('folders').objectStore('folders').index('distinguished').get('inbox');
        req.onsuccess = () => resolve(req.result as { parentId: string });
        req.onerror = () => reject(req.error);
      });
      const now = Date.now();
      const BATCH = 5000;
      for (let start = 0; start < count; start += BATCH) {
        const tx = db.transaction('messages', 'readwrite');
        const store = tx.objectStore('messages');
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          const subject = `Bulk message ${i}`;
          store.put({
            id: `${folder.id}:${i}`,
            changeKey: 'ck',
            folderId: folder.id,
            receivedAt: now - i * 60_000,
            subject,
            from: { name: `Sender ${i % 97}`, email: `sender${i % 97}@example.org` },
            to: [],
            cc: [],
            preview: `Preview of message ${i}`,
            isRead: i % 3 === 0 ? 0 : 1,
            flag: 0,
            importance: 'Normal',
            hasAttachments: 0,
            size: 1000,
            itemClass: 'IPM.Note',
            terms: ['bulk', 'message', String(i)],
          });
        }
        await done(tx);
      }
      const tx = db.transaction('folders', 'readwrite');
      tx.objectStore('folders').put({
        id: folder.id,
        parentId: inbox.parentId,
        name: folder.name,
        kind: 'Folder',
        folderClass: 'IPF.Note',
        total: count,
        unread: Math.ceil(count / 3),
        childCount: 0,
      });
      await done(tx);
      db.close();
    },
    { folder, count },
  );
}

/** Deletes one row (e.g. a body, to stand for one the worker has not downloaded yet). */
export function deleteRow(page: Page, store: string, key: string): Promise<void> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, 'readwrite');
          tx.objectStore(store).delete(key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, key },
  );
}

/** The Inbox's messages as the store holds them, newest first (as the list shows them). */
export async function inboxMessages(page: Page): Promise<MessageRow[]> {
  const inbox = (await readAll<FolderRow>(page, 'folders')).find((f) => f.distinguished === 'inbox')!;
  return (await readAll<MessageRow>(page, 'messages'))
    .filter((m) => m.folderId === inbox.id)
    .sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1));
}

/**
 * Among the newest `n` Inbox messages, those whose subject no other Inbox message contains: rows on
 * the first screen of the list that a test can pick for what they are (unread, flagged) and look
 * for by subject anywhere in the list, however far it is scrolled.
 */
export async function newestDistinct(page: Page, n = 12): Promise<MessageRow[]> {
  const inbox = await inboxMessages(page);
  const distinct = (m: MessageRow) => inbox.every((x) => x === m || !x.subject.includes(m.subject));
  return inbox.slice(0, n).filter((m) => m.subject.trim() !== '' && distinct(m));
}
