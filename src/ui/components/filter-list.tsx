import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A filter field over a list of choices, as the move and category pickers use it: typing narrows
 * the list (the owner computes `choices` from `filter`), the arrows move the active choice and
 * Enter or a click picks it. The field keeps the focus; the list says which choice is active.
 */
export function FilterList<T>({
  name,
  label,
  placeholder,
  describedBy,
  filter,
  onFilter,
  choices,
  keyOf,
  render,
  checked,
  onPick,
}: {
  /** Prefix of the list's ids. */
  name: string;
  label: string;
  placeholder: string;
  describedBy?: string;
  filter: string;
  onFilter(filter: string): void;
  choices: readonly T[];
  keyOf(choice: T): string;
  render(choice: T): ComponentChildren;
  /** For choices that are on, off or partly on (aria-checked). */
  checked?: (choice: T) => 'true' | 'false' | 'mixed';
  onPick(choice: T): void;
}) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, choices.length - 1);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.max(0, Math.min(choices.length - 1, current + step)));
    } else if (e.key === 'Enter' && choices[current]) {
      e.preventDefault();
      onPick(choices[current]);
    }
  };
  return (
    <>
      <input
        type="text"
        class="filter"
        autoFocus
        maxLength={255}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${name}-choices`}
        aria-activedescendant={choices[current] ? `${name}-${current}` : undefined}
        aria-label={placeholder}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={filter}
        onInput={(e) => {
          onFilter((e.target as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={`${name}-choices`} role="listbox" aria-label={label}>
        {choices.map((c, i) => (
          <li
            key={keyOf(c)}
            id={`${name}-${i}`}
            role="option"
            aria-selected={i === current}
            aria-checked={checked?.(c)}
            class={i === current ? 'active' : undefined}
            onClick={() => onPick(c)}
          >
            {render(c)}
          </li>
        ))}
      </ul>
    </>
  );
}
