// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shortcutFor } from './keyboard.js';

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
    expect(shortcutFor(press('x'))).toBeUndefined();
  });

  it('opens with Enter only from a list', () => {
    const list = document.createElement('div');
    list.setAttribute('role', 'listbox');
    document.body.append(list);
    expect(shortcutFor(press('Enter', {}, list))).toBe('open');
    expect(shortcutFor(press('Enter', {}, document.createElement('button')))).toBeUndefined();
  });
});
