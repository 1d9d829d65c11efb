// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createStore, useStore } from './store.js';

describe('useStore', () => {
  it('renders the current value and follows changes', () => {
    const count = createStore(1);
    const root = document.createElement('div');
    const Show = () => h('span', null, String(useStore(count)));
    act(() => render(h(Show, null), root));
    expect(root.textContent).toBe('1');
    act(() => count.set(2));
    expect(root.textContent).toBe('2');
  });

  it('holds a function as a value without calling it', () => {
    const action = vi.fn();
    const store = createStore<(() => void) | undefined>(undefined);
    const root = document.createElement('div');
    const Show = () => h('span', null, typeof useStore(store));
    act(() => render(h(Show, null), root));
    act(() => store.set(action));
    expect(root.textContent).toBe('function');
    expect(action).not.toHaveBeenCalled();
  });
});
