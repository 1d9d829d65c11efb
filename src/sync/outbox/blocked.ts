import type { OutboxEntry } from '../../db/index.js';

/** The messages, drafts and folders an entry changes. */
function subjects(e: OutboxEntry): string[] {
  const op = e.op;
  switch (op.kind) {
    case 'set-read':
    case 'set-flag':
    case 'move':
    case 'delete':
      return op.ids;
    case 'send':
    case 'save-draft':
      return [op.draftId, e.local?.draftId].filter((id): id is string => !!id);
    case 'create-folder':
      return [op.tempId];
    case 'rename-folder':
    case 'delete-folder':
      return [op.id];
  }
}

/** Folders an entry needs as they are: a move's target, a new folder's parent. */
function refs(e: OutboxEntry): string[] {
  const op = e.op;
  if (op.kind === 'move') return [op.toFolderId];
  if (op.kind === 'create-folder') return [op.parentId];
  return [];
}

/**
 * What this push may not touch because an earlier entry about it failed, waits or backs off:
 * a later intent on the same message or folder must not overtake it (the server would end with
 * the older intent). Everything else goes on.
 */
export class Blocked {
  private readonly keys = new Set<string>();

  add(e: OutboxEntry): void {
    for (const k of subjects(e)) this.keys.add(k);
  }

  hits(e: OutboxEntry): boolean {
    return [...subjects(e), ...refs(e)].some((k) => this.keys.has(k));
  }
}

/** True when two entries change a message, draft or folder in common. */
export function overlap(a: OutboxEntry, b: OutboxEntry): boolean {
  const mine = new Set(subjects(a));
  return subjects(b).some((k) => mine.has(k));
}
