// @vitest-environment happy-dom
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../compose/recipients.js';
import { RecipientField } from './recipient-field.js';

const ada: Person = { name: 'Ada Lovelace', email: 'ada@tern.test', sentTo: 1, receivedFrom: 0, last: 1 };

let setPeople: (p: Person[] | undefined) => void = () => {};
function Field() {
  const [value, setValue] = useState('');
  const [people, set] = useState<Person[] | undefined>(undefined);
  setPeople = set;
  return h(RecipientField, { name: 'to', label: 'To', value, onChange: setValue, people });
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
});
