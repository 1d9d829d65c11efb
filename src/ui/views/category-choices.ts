import type { MessageRow } from '../../db/index.js';
import { isCategoryName } from '../../db/validate-action.js';

export interface CategoryChoice {
  name: string;
  /** How many of the messages have it: all, some, or none. */
  has: 'all' | 'some' | 'none';
  /** Typed in the filter and not in use yet. */
  isNew?: true;
}

/**
 * What the category picker offers for `messages`: the categories they have first, then Outlook's
 * presets, then every other category in use, each once, narrowed to the names holding every word
 * of `filter`. A filter that names no category exactly (case aside) is offered first as a new one,
 * when it is a name a category can have (no comma or semicolon: Outlook splits names there).
 */
export function categoryChoices(
  messages: readonly MessageRow[],
  presets: readonly string[],
  inUse: readonly string[],
  filter: string,
): CategoryChoice[] {
  const count = (name: string) => messages.filter((m) => m.categories?.includes(name)).length;
  const theirs = messages.flatMap((m) => m.categories ?? []);
  const others = [...inUse].sort((a, b) => a.localeCompare(b));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const out: CategoryChoice[] = [...new Set([...theirs, ...presets, ...others])]
    .filter((name) => words.every((w) => name.toLowerCase().includes(w)))
    .map((name) => {
      const n = count(name);
      return { name, has: n === 0 ? 'none' : n === messages.length ? 'all' : 'some' };
    });
  const typed = filter.trim();
  if (typed && isCategoryName(typed) && !out.some((c) => c.name.toLowerCase() === typed.toLowerCase()))
    out.unshift({ name: typed, has: 'none', isNew: true });
  return out;
}
