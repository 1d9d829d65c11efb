// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createShortcutReader, shortcutFor } from './keyboard.js';

function press(key: string, init: KeyboardEventInit = {}, target: Element = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

describe('shortcutFor', () => {
  it("maps Gmail's keys", () => {
    expect(shortcutFor(press('j'))).toBe('next');
    expect(shortcutFor(press('k'))).toBe('previous');
    expect(shortcutFor(press('I', { shiftKey: true }))).toBe('read');
    expect(shortcutFor(press('U', { shiftKey: true }))).toBe('unread');
    expect(shortcutFor(press('#', { shiftKey: true }))).toBe('delete');
    expect(shortcutFor(press('!', { shiftKey: true }))).toBe('junk');
    expect(shortcutFor(press('l'))).toBe('categorize');
    expect(shortcutFor(press('a'))).toBe('replyAll');
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('help');
  });

  it('leaves keys alone while typing, in dialogs and with modifiers', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(shortcutFor(press('j', {}, input))).toBeUndefined();
    const dialog = document.createElement('dialog');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(dialog);
    expect(shortcutFor(press('e', {}, button))).toBeUndefined();
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('w'))).toBeUndefined();
  });

  it('deletes with the Delete key too, but not from the folder tree', () => {
    expect(shortcutFor(press('Delete'))).toBe('delete');
    const tree = document.createElement('nav');
    tree.className = 'folder-tree';
    const link = document.createElement('a');
    tree.append(link);
    document.body.append(tree);
    expect(shortcutFor(press('Delete', {}, link))).toBeUndefined();
    const input = document.createElement('input');
    document.body.append(input);
    expect(shortcutFor(press('Delete', {}, input))).toBeUndefined();
  });

  it('opens with Enter only from a list', () => {
    const list = document.createElement('div');
    list.setAttribute('role', 'listbox');
    document.body.append(list);
    expect(shortcutFor(press('Enter', {}, list))).toBe('open');
    expect(shortcutFor(press('Enter', {}, document.createElement('button')))).toBeUndefined();
  });
});

describe('createShortcutReader', () => {
  const clock = () => {
    let t = 1_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('reads *a and *n as select all and none, a alone as reply all and n alone as the newer message', () => {
    const time = clock();
    const read = createShortcutReader(time.now);
    expect(read(press('Shift', { shiftKey: true }))).toBeUndefined();
    expect(read(press('*', { shiftKey: true }))).toBeUndefined();
    expect(read(press('a'))).toBe('selectAll');
    expect(read(press('a'))).toBe('replyAll');
    read(press('*', { shiftKey: true }));
    expect(read(press('n'))).toBe('selectNone');
    expect(read(press('n'))).toBe('newer');
    expect(read(press('p'))).toBe('older');
  });

  it('forgets * after a moment, or when another key comes between', () => {
    const time = clock();
    const read = createShortcutReader(time.now);
    read(press('*'));
    time.advance(2_000);
    expect(read(press('a'))).toBe('replyAll');
    read(press('*'));
    read(press('j'));
    expect(read(press('a'))).toBe('replyAll');
  });

  it('ignores * typed into a field', () => {
    const read = createShortcutReader(clock().now);
    const input = document.createElement('input');
    document.body.append(input);
    read(press('*', {}, input));
    expect(read(press('a'))).toBe('replyAll');
  });

  it('selects all with Ctrl/Cmd+A in the list, and leaves it to the browser elsewhere', () => {
    const read = createShortcutReader(clock().now);
    const list = document.createElement('div');
    list.setAttribute('role', 'listbox');
    document.body.append(list);
    expect(read(press('a', { ctrlKey: true }, list))).toBe('selectAll');
    expect(read(press('a', { metaKey: true }, list))).toBe('selectAll');
    const reader = document.createElement('article');
    document.body.append(reader);
    expect(read(press('a', { ctrlKey: true }, reader))).toBeUndefined();
  });

  it('toggles with x and clears with Esc', () => {
    const read = createShortcutReader(clock().now);
    expect(read(press('x'))).toBe('toggleSelect');
    expect(read(press('Escape'))).toBe('clearSelection');
  });
});
