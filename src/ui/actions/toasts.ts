import { createStore } from '../hooks/store.js';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** Offered as an "Undo" button while the toast shows. */
  undo?: () => void;
}

export const toasts = createStore<Toast[]>([]);

// Long enough to reach Undo with the keyboard; errors stay until dismissed.
const SHOW_MS = 8000;
let next = 1;

export function showToast(text: string, options: { kind?: Toast['kind']; undo?: () => void } = {}): void {
  const toast: Toast = { id: next++, text, kind: options.kind ?? 'info', ...(options.undo && { undo: options.undo }) };
  // One at a time, like Gmail: a new action replaces the previous message.
  toasts.set([
    ...toasts
      .get()
      .filter((t) => t.kind === 'error')
      .slice(-2),
    toast,
  ]);
  if (toast.kind === 'info') setTimeout(() => dismissToast(toast.id), SHOW_MS);
}

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}
