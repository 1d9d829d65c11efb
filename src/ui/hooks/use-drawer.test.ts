// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPRING_MS, useDrawer } from './use-drawer.js';

// happy-dom's elements have no ondragenter, ondragleave or ondrop, and Preact listens for
// "dragenter" only where the element has one (elsewhere for "DragEnter"), as browsers' do.
for (const name of ['ondragenter', 'ondragleave', 'ondrop'])
  if (!(name in HTMLElement.prototype))
    Object.defineProperty(HTMLElement.prototype, name, { value: null, writable: true, configurable: true });

// Only drags that say they carry messages open the drawer.
const carriesMessages = (e: DragEvent) => (e as DragEvent & { messages?: boolean }).messages === true;

function Drawer() {
  const d = useDrawer({ springsFor: carriesMessages });
  return h('div', null, [
    h('button', {
      id: 'menu',
      ref: d.button,
      'aria-expanded': d.open,
      'data-springing': d.springing || undefined,
      onClick: () => d.setOpen(!d.open),
      ...d.spring,
    }),
    h('a', { id: 'row', href: '#/row' }),
    d.open &&
      h('nav', { ref: d.pane }, [
        h('a', { id: 'first', href: '#/a' }),
        h('a', { id: 'current', href: '#/b', 'aria-current': 'page' }),
      ]),
    h('dialog', { open: true }, h('input', { id: 'field' })),
  ]);
}

const drag = (target: Element, type: string, messages = true) =>
  act(() => {
    target.dispatchEvent(Object.assign(new Event(type, { bubbles: true, cancelable: true }), { messages }));
  });

const press = (target: Element, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });

describe('useDrawer', () => {
  let root: HTMLElement;
  const $ = (id: string) => document.getElementById(id)!;
  const open = () => $('menu').getAttribute('aria-expanded');

  afterEach(() => {
    act(() => render(null, root));
    root.remove();
  });

  const mount = (click = true) => {
    root = document.body.appendChild(document.createElement('div'));
    act(() => render(h(Drawer, null), root));
    if (click) act(() => $('menu').click());
  };

  it('takes the focus to the current entry when it opens', () => {
    mount();
    expect(open()).toBe('true');
    expect(document.activeElement?.id).toBe('current');
  });

  it('closes on Esc and gives the focus back to its button', () => {
    mount();
    press($('current'), 'Escape');
    expect(open()).toBe('false');
    expect(document.activeElement?.id).toBe('menu');
  });

  it('leaves Esc to a dialog, and other keys alone', () => {
    mount();
    press($('field'), 'Escape');
    press($('current'), 'Enter');
    expect(open()).toBe('true');
  });

  describe('a drag resting on its button', () => {
    afterEach(() => vi.useRealTimers());
    const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

    it('opens it, and puts it away when the drag is dropped, the focus back where it was', () => {
      vi.useFakeTimers();
      mount(false);
      $('row').focus();
      drag($('menu'), 'dragenter');
      expect($('menu').hasAttribute('data-springing')).toBe(true);
      wait(SPRING_MS - 1);
      expect(open()).toBe('false');
      wait(1);
      expect(open()).toBe('true');
      expect($('menu').hasAttribute('data-springing')).toBe(false);
      expect(document.activeElement?.id).toBe('current');
      drag($('current'), 'drop');
      expect(open()).toBe('false');
      expect(document.activeElement?.id).toBe('row');
    });

    it('puts it away when the drag is given up', () => {
      vi.useFakeTimers();
      mount(false);
      drag($('menu'), 'dragenter');
      wait(SPRING_MS);
      drag($('row'), 'dragend');
      expect(open()).toBe('false');
    });

    it('does not open it for a drag passing over, or one that does not carry messages', () => {
      vi.useFakeTimers();
      mount(false);
      drag($('menu'), 'dragenter');
      wait(SPRING_MS / 2);
      drag($('menu'), 'dragleave');
      expect($('menu').hasAttribute('data-springing')).toBe(false);
      drag($('menu'), 'dragenter', false);
      wait(SPRING_MS * 2);
      expect(open()).toBe('false');
    });

    it('leaves a drawer opened by hand open when a drag ends', () => {
      mount();
      drag($('row'), 'dragend');
      drag($('current'), 'drop');
      expect(open()).toBe('true');
    });
  });
});
