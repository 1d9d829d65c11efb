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
  | 'junk'
  | 'move'
  | 'categorize'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'compose'
  | 'search'
  | 'help'
  | 'toggleSelect'
  | 'selectAll'
  | 'selectNone'
  | 'clearSelection'
  | 'newer'
  | 'older';

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
  '!': 'junk',
  v: 'move',
  // Gmail's "label as".
  l: 'categorize',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
  c: 'compose',
  '/': 'search',
  '?': 'help',
  x: 'toggleSelect',
  n: 'newer',
  p: 'older',
  Escape: 'clearSelection',
};

// Gmail's two-key selection commands: `*` then `a` (all) or `n` (none), the second key soon after.
const SEQUENCE_MS = 1500;
const AFTER_STAR: Record<string, ShortcutCommand> = { a: 'selectAll', n: 'selectNone' };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * Maps a keydown to a command, or undefined when the key is not ours: while typing, inside a
 * dialog, or with Ctrl/Cmd/Alt held (those belong to the browser). Enter opens only from the
 * list, so it still presses the focused button everywhere else; Delete deletes as `#` does.
 */
export function shortcutFor(e: KeyboardEvent): ShortcutCommand | undefined {
  if (notOurs(e)) return undefined;
  if (e.key === 'Enter') return inList(e.target) ? 'open' : undefined;
  // Outlook's and Thunderbird's delete key, for the messages: in the folder tree it would read as
  // deleting the folder, which it never does.
  if (e.key === 'Delete') return within(e.target, '.folder-tree') ? undefined : 'delete';
  return KEYS[e.key];
}

function notOurs(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTyping(e.target)) return true;
  return within(e.target, 'dialog');
}

function within(target: EventTarget | null, selector: string): boolean {
  return target instanceof Element && target.closest(selector) !== null;
}

const inList = (target: EventTarget | null) => within(target, '[role=listbox]');

/**
 * `shortcutFor` plus what needs more than one key press: `*a` / `*n`, and Ctrl/Cmd+A, which
 * selects every message while the list has focus (elsewhere it still selects text).
 */
export function createShortcutReader(now: () => number = Date.now): (e: KeyboardEvent) => ShortcutCommand | undefined {
  let starAt = -Infinity;
  return (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a')
      return inList(e.target) || e.target === document.body ? 'selectAll' : undefined;
    // Shift goes down on its own before `*` on most layouts.
    if (e.key === 'Shift') return undefined;
    const afterStar = !notOurs(e) && now() - starAt < SEQUENCE_MS ? AFTER_STAR[e.key] : undefined;
    starAt = e.key === '*' && !notOurs(e) ? now() : -Infinity;
    return afterStar ?? shortcutFor(e);
  };
}
