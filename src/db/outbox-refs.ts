import type { OutboxEntry } from './entities.js';

/** Message ids named by outbox entries: rows a sweep must not remove while their intent is pending. */
export function outboxMessageIds(entries: OutboxEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const e of entries) {
    const op = e.op;
    if ('ids' in op) op.ids.forEach((id) => ids.add(id));
    if ((op.kind === 'save-draft' || op.kind === 'send') && op.draftId) ids.add(op.draftId);
    if (e.local?.draftId) ids.add(e.local.draftId);
  }
  return ids;
}
