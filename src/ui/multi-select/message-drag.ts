import type { MessageRow } from '../../db/index.js';

/** Messages dragged out of the list: what a folder gets when they are dropped on it. */
export interface DraggedMessages {
  folderId: string;
  /** Read when dropped: a dragged "select all" is resolved by query then, not at drag start. */
  messages(): Promise<MessageRow[]>;
  fromSelection: boolean;
}

// Our own type, so folders accept only message drags (not files or text) and can say so during
// dragover, when the data itself cannot be read; the messages stay in this page.
const DRAG_TYPE = 'application/x-tern-messages';
let current: DraggedMessages | undefined;

export function startDrag(e: DragEvent, dragged: DraggedMessages, label: string | undefined): void {
  const data = e.dataTransfer;
  if (!data) return;
  current = dragged;
  data.effectAllowed = 'move';
  data.setData(DRAG_TYPE, dragged.folderId);
  if (label === undefined) return;
  // Several messages: the drag image says how many instead of showing the one row grabbed.
  const image = document.createElement('div');
  image.className = 'drag-image';
  image.textContent = label;
  document.body.append(image);
  data.setDragImage(image, 12, 12);
  setTimeout(() => image.remove(), 0);
}

/** The messages being dragged over or dropped, if this is a drag of ours. */
export function draggedMessages(e: DragEvent): DraggedMessages | undefined {
  return e.dataTransfer?.types.includes(DRAG_TYPE) ? current : undefined;
}

export function endDrag(): void {
  current = undefined;
}
