import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFolder, decodeResponse, encodeRequest } from '../../../src/ews/index.js';
import { openMailbox } from '../../../src/server/mailbox/index.js';

export const USER = 'demo@tern.test';
export const PASSWORD = 'demo';
const FILE = 'mailbox.sqlite';

/** A seeded mailbox file kept as a template; every run gets its own copy. */
export interface SeededMailbox {
  /** A fresh data folder holding a copy of the seeded mailbox. */
  copy(): string;
  remove(): void;
}

/**
 * Seeds the demo mailbox once (`messages` deterministic messages) plus `extraFolders` empty mail
 * folders under the root, created through EWS CreateFolder as a client would.
 */
export async function seedMailbox(messages: number, extraFolders = 0): Promise<SeededMailbox> {
  const template = mkdtempSync(join(tmpdir(), 'tern-sync-bench-seed-'));
  const mailbox = openMailbox({ dataDir: template, seedMessages: messages });
  try {
    for (let i = 0; i < extraFolders; i++) {
      const soap = encodeRequest(CreateFolder, {
        parentFolderId: { distinguished: 'msgfolderroot' },
        folders: [{ kind: 'Folder', folderClass: 'IPF.Note', displayName: `Bench folder ${i}` }],
      });
      const [m] = decodeResponse(CreateFolder, (await mailbox.handle(USER, soap)).body).messages;
      if (m?.responseClass !== 'Success') throw new Error(`CreateFolder: ${m?.responseCode}`);
    }
  } finally {
    mailbox.close();
  }
  const copies: string[] = [];
  return {
    copy() {
      const dir = mkdtempSync(join(tmpdir(), 'tern-sync-bench-data-'));
      copyFileSync(join(template, FILE), join(dir, FILE));
      copies.push(dir);
      return dir;
    },
    remove() {
      for (const dir of [template, ...copies]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
