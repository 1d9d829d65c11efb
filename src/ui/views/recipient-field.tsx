import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { displayName, parseAddresses, shownName } from '../compose/address.js';
import { DIRECTORY_MIN_CHARS } from '../compose/directory.js';
import {
  acceptSuggestion,
  MAX_SUGGESTIONS,
  suggest,
  tokenAt,
  withDirectory,
  type Person,
} from '../compose/recipients.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

// Typing this long without a key asks the directory: not a request per letter.
const DIRECTORY_PAUSE_MS = 250;

export interface RecipientFieldProps {
  name: 'to' | 'cc' | 'bcc';
  label: string;
  value: string;
  onChange(value: string): void;
  /** Who to suggest; undefined while they are being read. */
  people: readonly Person[] | undefined;
  /** Asks the organisation's directory for a query (online only); its people come after `people`. */
  directory?: ((query: string, signal: AbortSignal) => Promise<Person[] | undefined>) | undefined;
  inputRef?: RefObject<HTMLInputElement>;
}

/**
 * An address field that suggests people as their name or address is typed (a combobox: the
 * arrows choose, Enter or Tab takes the one chosen, Esc puts the list away). Enter never sends
 * from here: it is how a suggestion is taken, and a list typed in a hurry should not go with it.
 */
export function RecipientField({ name, label, value, onChange, people, directory, inputRef }: RecipientFieldProps) {
  const t = useI18n();
  const own = useRef<HTMLInputElement>(null);
  const input = inputRef ?? own;
  const [open, setOpen] = useState<{ list: Person[]; active: number }>();
  // Where the caret goes once a taken suggestion is in the field.
  const caret = useRef<number>();
  const listId = `${name}-suggestions`;

  useLayoutEffect(() => {
    if (caret.current === undefined || !input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = undefined;
  });

  // The directory's answers by query, for as long as the composer is open; the look-up under way.
  const answers = useRef(new Map<string, Person[]>());
  const asking = useRef<{ query: string; stop: () => void }>();
  useEffect(() => () => asking.current?.stop(), []);

  const lookUp = (el: HTMLInputElement) => {
    const token = tokenAt(el.value, el.selectionStart ?? el.value.length);
    const here = new Set(parseAddresses(el.value).addresses.map((a) => a.email.toLowerCase()));
    const local = people && token.typed ? suggest(people, token.typed, here) : [];
    const query = token.typed.toLowerCase();
    const answered = answers.current.get(query);
    const list = withDirectory(local, answered ?? [], here);
    // The one chosen with the arrows stays chosen when the directory's people join the list.
    setOpen((was) => {
      if (!list.length) return undefined;
      const chosen = was && list.findIndex((p) => p.email === was.list[was.active]?.email);
      return { list, active: chosen !== undefined && chosen >= 0 ? chosen : 0 };
    });
    if (!answered && directory && [...query].length >= DIRECTORY_MIN_CHARS && local.length < MAX_SUGGESTIONS)
      ask(query);
    // What was asked for before is not wanted any more.
    else if (asking.current?.query !== query) asking.current?.stop();
  };

  const latest = useRef(lookUp);
  latest.current = lookUp;

  /** Asks the directory once typing pauses; the answer is offered if the field still wants it. */
  const ask = (query: string) => {
    if (asking.current?.query === query) return;
    asking.current?.stop();
    const abort = new AbortController();
    const timer = setTimeout(() => {
      directory!(query, abort.signal).then(
        (found) => {
          // No answer (the server could not say) is not kept: the next key asks again.
          if (asking.current?.query === query) asking.current = undefined;
          if (!found) return;
          answers.current.set(query, found);
          const el = input.current;
          if (el && document.activeElement === el) latest.current(el);
        },
        () => undefined,
      );
    }, DIRECTORY_PAUSE_MS);
    asking.current = {
      query,
      stop: () => {
        clearTimeout(timer);
        abort.abort();
      },
    };
  };

  // People read after something was typed: offer them for it now, not at the next key.
  useEffect(() => {
    if (people && input.current && document.activeElement === input.current) lookUp(input.current);
  }, [people]);

  const take = (person: Person) => {
    const el = input.current;
    if (!el) return;
    const next = acceptSuggestion(el.value, tokenAt(el.value, el.selectionStart ?? el.value.length), person);
    caret.current = next.caret;
    setOpen(undefined);
    onChange(next.value);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.currentTarget as HTMLInputElement;
    if (e.key === 'Enter') e.preventDefault();
    if (!open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        lookUp(el);
      }
      return;
    }
    const n = open.list.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen({ ...open, active: (open.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
    } else if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      take(open.list[open.active]!);
    } else if (e.key === 'Escape') {
      // Only the list: the composer stays open.
      e.preventDefault();
      setOpen(undefined);
    }
  };

  return (
    <div class="recipient-field">
      <label class="compose-field">
        <span>{label}</span>
        <input
          ref={input}
          type="text"
          name={name}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={!!open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${open.active}` : undefined}
          autocomplete="off"
          spellcheck={false}
          value={value}
          onInput={(e) => {
            onChange((e.target as HTMLInputElement).value);
            lookUp(e.target as HTMLInputElement);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(undefined)}
        />
      </label>
      {open && (
        <ul id={listId} class="suggestions" role="listbox" aria-label={t.t('compose.suggestions')}>
          {open.list.map((p, i) => (
            <li
              key={p.email}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === open.active}
              // Taken on press, before the field loses the focus and puts the list away.
              onMouseDown={(e) => {
                e.preventDefault();
                take(p);
              }}
            >
              <span class="suggestion-name">{shownName(p)}</span>
              {/* The address too, whatever the name says: the name may be a sender's own choice. */}
              {displayName(p) !== p.email && <span class="suggestion-email">{p.email}</span>}
              {/* Where it came from: someone never written to, whom the directory knows. */}
              {p.fromDirectory && <span class="suggestion-source">{t.t('compose.fromDirectory')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
