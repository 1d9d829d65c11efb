// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useDrawer } from './use-drawer.js';

function Drawer() {
  const d = useDrawer();
  return h('div', null, [
    h('button', { id: 'menu', ref: d.button, 'aria-expanded': d.open, onClick: () => d.setOpen(!d.open) }),
    d.open &&
      h('nav', { ref: d.pane }, [
        h('a', { id: 'first', href: '#/a' }),
        h('a', { id: 'current', href: '#/b', 'aria-current': 'page' }),
      ]),
    h('dialog', { open: true }, h('input', { id: 'field' })),
  ]);
}

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

  const mount = () => {
    root = document.body.appendChild(document.createElement('div'));
    act(() => render(h(Drawer, null), root));
    act(() => $('menu').click());
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
});
