import type { MailDB, OutboxEntry } from '../../db/index.js';

/**
 * Marks entries `sending` in one transaction, reading each again first: the user may have
 * folded it into a newer intent, discarded or parked it meanwhile. `unsure`: an earlier attempt
 * of one of them may have reached the server (a pass died while it was `sending`, or an answer
 * was lost).
 */
export async function claim(db: MailDB, group: OutboxEntry[]): Promise<{ entries: OutboxEntry[]; unsure: boolean }> {
  return db.transaction('rw', db.outbox, async () => {
    const entries: OutboxEntry[] = [];
    let unsure = false;
    for (const e of group) {
      const stored = await db.outbox.get(e.seq!);
      if (!stored || stored.state === 'parked') continue;
      unsure ||= stored.state === 'sending' || !!stored.progress?.tried;
      const claimed: OutboxEntry = { ...stored, state: 'sending' };
      await db.outbox.put(claimed);
      entries.push(claimed);
    }
    return { entries, unsure };
  });
}

/**
 * Puts claimed entries back in line after the connection failed (`tried`: the request may have
 * reached the server; `lost`: count it against them, the server was answering otherwise), or
 * after a replay that left one `sending`. Returns the entries as stored.
 */
export async function release(
  db: MailDB,
  group: OutboxEntry[],
  how: { tried?: boolean; lost?: boolean; onlyIfSending?: boolean },
): Promise<OutboxEntry[]> {
  return db.transaction('rw', db.outbox, async () => {
    const out: OutboxEntry[] = [];
    for (const e of group) {
      const stored = await db.outbox.get(e.seq!);
      if (!stored || (how.onlyIfSending && stored.state !== 'sending')) continue;
      const next: OutboxEntry = { ...stored, state: stored.state === 'sending' ? 'pending' : stored.state };
      if (how.tried || how.lost) {
        next.progress = { ...stored.progress };
        if (how.tried) next.progress.tried = true;
        if (how.lost) next.progress.lost = (stored.progress?.lost ?? 0) + 1;
      }
      await db.outbox.put(next);
      out.push(next);
    }
    return out;
  });
}
