/**
 * The UI's first paint of a big folder, in real Chromium: time from navigation to the first 50
 * message rows on screen with 50,000 messages stored, next to a raw IndexedDB read of the same
 * 50 rows in the same page, and searches over them, by a word and by operators. Prints figures;
 * asserts nothing. `npx tsx test/bench/ui.ts` (after
 * `npx vite build`); also `npm run bench ui`.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from '../e2e/pages/browser.js';
import { fillFolder } from '../e2e/pages/store.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const MESSAGES = 50_000;
const ROWS = 50;
const RUNS = 7;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** The built app on a local port; no Tern server, so the worker finds no mailbox and stays idle. */
async function serveDist(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path === '/' || !extname(path) ? 'index.html' : path.slice(1);
    try {
      const body = await readFile(DIST + file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchUi(): Promise<void> {
  if (!existsSync(`${DIST}sw.js`))
    throw new Error('The UI benchmark measures the built app: run `npx vite build` first.');
  const { url, server } = await serveDist();
  const browser = await launchBrowser({ height: 4200 }); // tall enough for 50 rows of 76 px
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'tern'));
    await page.evaluate(async () => {
      // The folder tree needs an Inbox to hang the bench folder beside.
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const open = indexedDB.open('tern');
        open.onsuccess = () => res(open.result);
        open.onerror = () => rej(open.error);
      });
      const tx = db.transaction('folders', 'readwrite');
      tx.objectStore('folders').put({
        id: 'bench-inbox',
        parentId: 'bench-root',
        name: 'Inbox',
        kind: 'Folder',
        folderClass: 'IPF.Note',
        distinguished: 'inbox',
        total: 0,
        unread: 0,
        childCount: 0,
      });
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    });
    await fillFolder(page, { id: 'bench', name: 'Bench' }, MESSAGES);
    await page.addInitScript((rows) => {
      new MutationObserver((_, observer) => {
        if (document.querySelectorAll('.list-spacer [role=option]').length >= rows) {
          (window as unknown as { __rowsAt: number }).__rowsAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    }, ROWS);

    const app: number[] = [];
    const raw: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(`${url}/#/mail/bench`);
      await page.waitForFunction(() => (window as unknown as { __rowsAt?: number }).__rowsAt !== undefined, null, {
        timeout: 60_000,
      });
      app.push(await page.evaluate(() => (window as unknown as { __rowsAt: number }).__rowsAt));
      raw.push(
        await page.evaluate(async (rows) => {
          const t0 = performance.now();
          const db = await new Promise<IDBDatabase>((res, rej) => {
            const open = indexedDB.open('tern');
            open.onsuccess = () => res(open.result);
            open.onerror = () => rej(open.error);
          });
          const found: unknown[] = [];
          await new Promise<void>((resolve, reject) => {
            const range = IDBKeyRange.bound(['bench', -Infinity], ['bench', Infinity]);
            const req = db
              .transaction('messages')
              .objectStore('messages')
              .index('[folderId+receivedAt]')
              .openCursor(range, 'prev');
            req.onsuccess = () => {
              const cursor = req.result;
              if (cursor && found.length < rows) {
                found.push(cursor.value);
                cursor.continue();
              } else resolve();
            };
            req.onerror = () => reject(req.error);
          });
          db.close();
          return performance.now() - t0;
        }, ROWS),
      );
    }
    // Deep jumps: scroll far down and time until the rows of that place are on screen, before the
    // folder's anchors exist (offset walks) and after (at most 250 rows from an anchor).
    const jump = (row: number) =>
      page.evaluate(async (target) => {
        const scroller = document.querySelector<HTMLElement>('.list-scroller')!;
        const t0 = performance.now();
        scroller.scrollTop = target * 76;
        while (!document.querySelector(`.list-spacer [role=option][aria-posinset="${target + 1}"]`))
          await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0;
      }, row);
    await page.goto('about:blank');
    await page.goto(`${url}/#/mail/bench`);
    await page.waitForFunction(() => (window as unknown as { __rowsAt?: number }).__rowsAt !== undefined);
    const coldJump = await jump(40_000);
    await page.waitForTimeout(5000); // anchors build in the background
    const warmJumps = [];
    for (const row of [10_000, 45_000, 25_000, 49_000, 5_000]) warmJumps.push(await jump(row));

    // Search over the 50,000, as typed (Enter shows the results at once): a word the index
    // narrows, operators alone (a category by its index; flags and read state by reading the
    // newest rows until enough match), and both. One row in 50 is flagged, one in 200 in Travel.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const open = indexedDB.open('tern');
        open.onsuccess = () => res(open.result);
        open.onerror = () => rej(open.error);
      });
      const tx = db.transaction('messages', 'readwrite');
      const req = tx.objectStore('messages').index('[folderId+receivedAt]').openCursor();
      let i = 0;
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return;
        const row = cursor.value as { flag: number; categories?: string[] };
        if (i % 50 === 0 || i % 200 === 7) {
          if (i % 50 === 0) row.flag = 1;
          if (i % 200 === 7) row.categories = ['Travel'];
          cursor.update(row);
        }
        i++;
        cursor.continue();
      };
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    });
    await page.goto('about:blank');
    await page.goto(`${url}/#/mail/bench`);
    await page.waitForFunction(() => (window as unknown as { __rowsAt?: number }).__rowsAt !== undefined);
    const searchbox = page.getByRole('searchbox');
    const searchMs = async (query: string) => {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        await searchbox.fill('');
        await searchbox.fill(query);
        const t0 = Date.now();
        await searchbox.press('Enter');
        await page.waitForFunction(
          (q) => document.querySelector('#search-title')?.textContent?.includes(`“${q}”`),
          query,
        );
        times.push(Date.now() - t0);
      }
      return Math.round(median(times));
    };
    const searches: Record<string, number> = {};
    for (const query of ['bulk 4999', 'is:flagged', 'category:Travel', 'from:sender5', 'is:unread is:flagged'])
      searches[`search “${query}” → results (median of 3, ms)`] = await searchMs(query);

    // The first run also installs the worker and fills its cache; the rest load from it.
    const warm = app.slice(1);
    console.log(
      `UI benchmark: ${MESSAGES.toLocaleString('en')} messages stored, first ${ROWS} rows (Chromium, ${RUNS} runs)`,
    );
    console.table({
      'navigation → 50 rows on screen (cold, ms)': Math.round(app[0]!),
      'navigation → 50 rows on screen (warm median, ms)': Math.round(median(warm)),
      'navigation → 50 rows on screen (warm best, ms)': Math.round(Math.min(...warm)),
      'raw IndexedDB read of the same 50 rows (median, ms)': Number(median(raw).toFixed(1)),
      'jump to row 40,000 before anchors (ms)': Math.round(coldJump),
      'jump deep with anchors (median of 5, ms)': Math.round(median(warmJumps)),
      ...searches,
    });
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchUi();
