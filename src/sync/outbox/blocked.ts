import type { OutboxEntry } from '../../db/index.js';

/** The messages, drafts and folders an entry changes. */
function subjects(e: OutboxEntry): string[] {
  const op = e.op;
  switch (op.kind) {
    case 'set-read':
    case 'set-flag':
    case 'categorize':
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

/**
 * Folders an entry needs as they are: a move's target, the folders its messages are leaving
 * (deleting one first would take them along), a new folder's parent.
 */
function refs(e: OutboxEntry): string[] {
  const op = e.op;
  const origins = Object.values(e.local?.origin ?? {});
  if (op.kind === 'move') return [op.toFolderId, ...origins];
  if (op.kind === 'delete') return origins;
  if (op.kind === 'create-folder') return [op.parentId];
  return [];
}

/**
 * What this push may not touch because an earlier entry about it failed, waits or backs off:
 * a later intent on the same message or folder must not overtake it (the server would end with
 * the older intent), and a folder an earlier entry still needs must not be deleted or renamed
 * under it. Everything else goes on.
 */
export class Blocked {
  private readonly changed = new Set<string>();
  private readonly needed = new Set<string>();

  add(e: OutboxEntry): void {
    for (const k of subjects(e)) this.changed.add(k);
    for (const k of refs(e)) this.needed.add(k);
  }

  hits(e: OutboxEntry): boolean {
    return [...subjects(e), ...refs(e)].some((k) => this.changed.has(k)) || subjects(e).some((k) => this.needed.has(k));
  }

  /** Whether any earlier entry is held up in this push. */
  get any(): boolean {
    return this.changed.size > 0 || this.needed.size > 0;
  }
}

/** True when two entries change a message, draft or folder in common. */
export function overlap(a: OutboxEntry, b: OutboxEntry): boolean {
  const mine = new Set(subjects(a));
  return subjects(b).some((k) => mine.has(k));
}
