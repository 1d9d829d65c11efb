import type { Db } from '../store/database.js';
import { insertAttachment } from '../store/attachments.js';
import { takeArticles, touchContents } from '../store/folders.js';
import { insertItem } from '../store/items.js';
import { insertUser } from '../store/users.js';
import { hashPassword } from '../passwords.js';
import { createMailFolder, createStandardFolders } from './folders.js';
import { materialize, seedMime, type Planned } from './materialize.js';
import { ADA, DEMO, Planner, type Mailboxes } from './planner.js';
import { Prng } from './prng.js';

export { ADA, DEMO } from './planner.js';

export interface SeedOptions {
  /** Mail items in the demo user's mailbox (received, sent, drafts). */
  messages: number;
  password: string;
  now: number;
}

const DAY = 86_400_000;
const BATCH = 2000;

/**
 * A realistic demo mailbox, the same every time for the same size and day: two years of mail
 * for demo@tern.test (threads with Re: subjects and References, HTML and plain bodies in English
 * and French, inline images, PDF and text attachments, invitations, a read/unread and flagged
 * mix, filed into nested folders) and a smaller mailbox for ada@tern.test, with the mail between
 * the two in both. Every message is stored as real MIME. Writes go in transactions of 2,000.
 */
export function seedMailbox(db: Db, o: SeedOptions): void {
  const anchor = Math.floor(o.now / DAY) * DAY;
  const mailboxes = db.write((): Mailboxes => {
    const demoId = insertUser(db, { address: DEMO.email, name: DEMO.name!, ...hashPassword(o.password) });
    const adaId = insertUser(db, { address: ADA.email, name: ADA.name!, ...hashPassword(o.password) });
    const d = createStandardFolders(db, demoId, anchor);
    const a = createStandardFolders(db, adaId, anchor);
    const top = d.get('msgfolderroot')!;
    const projects = createMailFolder(db, demoId, top, 'Projects', anchor);
    d.set('Projects', projects);
    d.set('Alpha', createMailFolder(db, demoId, projects, 'Alpha', anchor));
    d.set('Beta', createMailFolder(db, demoId, projects, 'Beta', anchor));
    d.set('Receipts', createMailFolder(db, demoId, top, 'Receipts', anchor));
    d.set('Travel', createMailFolder(db, demoId, top, 'Travel', anchor));
    d.set('Newsletters', createMailFolder(db, demoId, d.get('inbox')!, 'Newsletters', anchor));
    a.set('Research', createMailFolder(db, adaId, a.get('msgfolderroot')!, 'Research', anchor));
    return { demo: { id: demoId, folders: d }, ada: { id: adaId, folders: a } };
  });
  if (o.messages <= 0) return;
  write(db, new Planner(new Prng(0x7e275eed), anchor, mailboxes).run(o.messages), anchor);
}

/** Writes the plan oldest first, so article numbers and modification numbers follow time. */
function write(db: Db, plan: Planned[], anchor: number): void {
  plan.sort((a, b) => a.received - b.received);
  const perFolder = new Map<number, number>();
  for (const p of plan) perFolder.set(p.folder.id, (perFolder.get(p.folder.id) ?? 0) + 1);
  const next = db.write(() => new Map([...perFolder].map(([id, count]) => [id, takeArticles(db, id, count)])));
  for (let i = 0; i < plan.length; i += BATCH) {
    db.write(() => {
      const touched = new Map<number, number>();
      for (let j = i; j < Math.min(plan.length, i + BATCH); j++) {
        const p = plan[j]!;
        const article = next.get(p.folder.id)!;
        next.set(p.folder.id, article + 1);
        const { values, attachments } = materialize(p, seedMime(p.head), anchor);
        const saved = insertItem(db, p.user, p.folder.id, values, anchor, { article, bulk: true });
        for (const a of attachments) insertAttachment(db, saved.id, a);
        touched.set(p.folder.id, saved.num);
      }
      for (const [folder, num] of touched) touchContents(db, folder, num, anchor);
    });
  }
}
