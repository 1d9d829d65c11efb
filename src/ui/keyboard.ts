/** What a key does in the mail view (Gmail's layout); undefined for keys we leave alone. */
export type ShortcutCommand =
  | 'next'
  | 'previous'
  | 'open'
  | 'back'
  | 'read'
  | 'unread'
  | 'flag'
  | 'archive'
  | 'delete'
  | 'move'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'compose'
  | 'search'
  | 'help';

const KEYS: Record<string, ShortcutCommand> = {
  j: 'next',
  k: 'previous',
  o: 'open',
  u: 'back',
  I: 'read',
  U: 'unread',
  s: 'flag',
  e: 'archive',
  '#': 'delete',
  v: 'move',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
  c: 'compose',
  '/': 'search',
  '?': 'help',
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * Maps a keydown to a command, or undefined when the key is not ours: while typing, inside a
 * dialog, or with Ctrl/Cmd/Alt held (those belong to the browser). Enter opens only from the
 * list, so it still presses the focused button everywhere else.
 */
export function shortcutFor(e: KeyboardEvent): ShortcutCommand | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return undefined;
  if (isTyping(e.target)) return undefined;
  if (e.target instanceof Element && e.target.closest('dialog')) return undefined;
  if (e.key === 'Enter') return e.target instanceof Element && e.target.closest('[role=listbox]') ? 'open' : undefined;
  return KEYS[e.key];
}
