import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('remote images, once the reader asks for them', () => {
  let server: TernServer;
  let browser: Browser;
  // The sender's image host, on loopback here; the Tern server of this test may reach it.
  let images: Server;
  let imageOrigin: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    images = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imageOrigin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    server = await startTern({
      seedMessages: 10,
      imageHosts: { address: (ip) => ip === '127.0.0.1', port: () => true },
    });
    browser = await launchBrowser();
    await deliver(server, {
      to: DEMO.user,
      subject: 'Spring newsletter',
      html: `<p>Our new logo:</p><img src="${imageOrigin}/logo.png" alt="logo" width="40" height="40">`,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => images?.close(resolve));
  });

  it('come through the Tern server: the sender’s host never sees the browser, and the picture shows', async () => {
    const fromBrowser: string[] = [];
    browser.context.on('request', (r) => {
      if (r.url().startsWith(imageOrigin)) fromBrowser.push(r.url());
    });
    const mailbox = await signedIn(browser, server);
    await mailbox.row('Spring newsletter').click();
    const note = mailbox.reader.locator('.images-blocked');
    await note.getByRole('button', { name: 'Show images' }).waitFor();
    expect(seen).toHaveLength(0);

    await note.getByRole('button', { name: 'Show images' }).click();
    const shown = async () => {
      const frame = await (await mailbox.reader.locator('iframe.mail-frame').elementHandle())?.contentFrame();
      return frame?.evaluate(() => {
        const img = document.querySelector('img[alt="logo"]') as HTMLImageElement | null;
        return { dataUrl: !!img?.src.startsWith('data:image/png'), decoded: (img?.naturalWidth ?? 0) > 0 };
      });
    };
    await expect.poll(shown).toEqual({ dataUrl: true, decoded: true });
    await note.waitFor({ state: 'detached' });

    // One request from the server, carrying nothing of the reader's.
    expect(seen).toHaveLength(1);
    expect(seen[0]!['user-agent']).toBe('Tern image proxy');
    for (const header of ['cookie', 'referer', 'accept-language', 'origin']) expect(seen[0]![header]).toBeUndefined();
    expect(fromBrowser).toEqual([]);
    expect(await mailbox.reader.locator('iframe.mail-frame').getAttribute('srcdoc')).not.toContain(imageOrigin + '/');
  });
});
