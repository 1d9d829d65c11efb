// @vitest-environment happy-dom
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Person } from '../compose/recipients.js';
import { RecipientField } from './recipient-field.js';

const ada: Person = { name: 'Ada Lovelace', email: 'ada@tern.test', sentTo: 1, receivedFrom: 0, last: 1 };

let setPeople: (p: Person[] | undefined) => void = () => {};
type Directory = (query: string, signal: AbortSignal) => Promise<Person[] | undefined>;
function Field({ directory }: { directory?: Directory }) {
  const [value, setValue] = useState('');
  const [people, set] = useState<Person[] | undefined>(undefined);
  setPeople = set;
  return h(RecipientField, { name: 'to', label: 'To', value, onChange: setValue, people, directory });
}

describe('RecipientField', () => {
  let root: HTMLElement;
  afterEach(() => {
    act(() => render(null, root));
    root.remove();
  });

  it('offers people read after the typing began, without waiting for the next key', () => {
    root = document.body.appendChild(document.createElement('div'));
    act(() => render(h(Field, null), root));
    const input = root.querySelector('input')!;
    input.focus();
    act(() => {
      input.value = 'lov';
      input.setSelectionRange(3, 3);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(root.querySelector('[role=listbox]')).toBeNull();
    act(() => setPeople([ada]));
    expect([...root.querySelectorAll('[role=option]')].map((o) => o.textContent)).toEqual([
      '\u2068Ada Lovelace\u2069ada@tern.test',
    ]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
  });

  it('asks the directory once typing pauses, and offers its people after this device’s', async () => {
    vi.useFakeTimers();
    try {
      const asked: string[] = [];
      const byron: Person = {
        name: 'Ada Byron',
        email: 'byron@tern.test',
        sentTo: 0,
        receivedFrom: 0,
        last: 0,
        fromDirectory: true,
      };
      const directory: Directory = async (query) => {
        asked.push(query);
        return [{ ...ada }, byron];
      };
      root = document.body.appendChild(document.createElement('div'));
      act(() => render(h(Field, { directory }), root));
      act(() => setPeople([ada]));
      const input = root.querySelector('input')!;
      input.focus();
      for (const typed of ['a', 'ad', 'ada'])
        act(() => {
          input.value = typed;
          input.setSelectionRange(typed.length, typed.length);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
      const offered = () => [...root.querySelectorAll('[role=option]')].map((o) => o.textContent);
      expect(offered()).toEqual(['\u2068Ada Lovelace\u2069ada@tern.test']);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(300);
      });
      // One question, for what was typed when typing paused; Ada once, from this device first.
      expect(asked).toEqual(['ada']);
      expect(offered()).toEqual([
        '\u2068Ada Lovelace\u2069ada@tern.test',
        '\u2068Ada Byron\u2069byron@tern.testDirectory',
      ]);
      // Asked once per query while the field is open; what was typed past is not asked for.
      act(() => {
        input.value = 'ad';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.value = 'ada';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(300);
      });
      expect(asked).toEqual(['ada']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks again for a query the server could not answer', async () => {
    vi.useFakeTimers();
    try {
      const asked: string[] = [];
      const directory: Directory = async (query) => {
        asked.push(query);
        return asked.length === 1 ? undefined : [{ ...ada, fromDirectory: true }];
      };
      root = document.body.appendChild(document.createElement('div'));
      act(() => render(h(Field, { directory }), root));
      act(() => setPeople([]));
      const input = root.querySelector('input')!;
      input.focus();
      const type = async (typed: string) => {
        act(() => {
          input.value = typed;
          input.setSelectionRange(typed.length, typed.length);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await act(async () => {
          await vi.advanceTimersByTimeAsync(300);
        });
      };
      await type('lov');
      expect(root.querySelector('[role=listbox]')).toBeNull();
      await type('lov');
      expect(asked).toEqual(['lov', 'lov']);
      expect([...root.querySelectorAll('[role=option]')].map((o) => o.textContent)).toEqual([
        '\u2068Ada Lovelace\u2069ada@tern.testDirectory',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
