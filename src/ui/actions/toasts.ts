import { createStore } from '../hooks/store.js';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** Offered as an "Undo" button while the toast shows. */
  undo?: () => void;
  /** How long it shows, when not SHOW_MS (a held send: as long as its Undo can work). */
  ms?: number;
}

export const toasts = createStore<Toast[]>([]);

// Long enough to reach Undo with the keyboard; errors stay until dismissed.
const SHOW_MS = 8000;
let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let held = false;

function schedule(toast: Toast): void {
  if (toast.kind !== 'info' || held) return;
  timers.set(
    toast.id,
    setTimeout(() => dismissToast(toast.id), toast.ms ?? SHOW_MS),
  );
}

export function showToast(text: string, options: Pick<Toast, 'undo' | 'ms'> & { kind?: Toast['kind'] } = {}): void {
  const toast: Toast = { ...options, id: next++, text, kind: options.kind ?? 'info' };
  // One at a time, like Gmail: a new action replaces the previous message.
  for (const old of toasts.get()) if (old.kind === 'info') dismissToast(old.id);
  toasts.set([
    ...toasts
      .get()
      .filter((t) => t.kind === 'error')
      .slice(-2),
    toast,
  ]);
  schedule(toast);
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  toasts.update((list) => list.filter((t) => t.id !== id));
}

/**
 * While the pointer rests on the toasts or focus is in them, they stay (WCAG 2.2.1, timing
 * adjustable): someone on their way to Undo is not raced by the clock. Released, each shows for
 * its full time again.
 * @see https://www.w3.org/WAI/WCAG22/Understanding/timing-adjustable.html
 */
export function holdToasts(hold: boolean): void {
  if (hold === held) return;
  held = hold;
  for (const id of timers.values()) clearTimeout(id);
  timers.clear();
  if (!hold) toasts.get().forEach(schedule);
}
