import type Database from 'better-sqlite3';

/**
 * SQL functions the restriction compiler uses. `tern_contains` implements EWS Contains:
 * ContainmentMode FullString | Prefixed | Substring | PrefixOnWords | ExactPhrase and
 * ContainmentComparison Exact | IgnoreCase | IgnoreNonSpacingCharacters | Loose | ….
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/contains
 */
export function registerFunctions(sql: Database.Database): void {
  sql.function(
    'tern_contains',
    { deterministic: true },
    (hay: unknown, needle: unknown, mode: unknown, cmp: unknown) =>
      contains(hay, String(needle ?? ''), String(mode), String(cmp)) ? 1 : 0,
  );
}

// Combining marks are what "non-spacing characters" means: é compares equal to e.
const MARKS = /\p{M}/gu;
// Text with nothing beyond ASCII has no marks to drop: most mail, which a search reads whole.
const NOT_ASCII = /[^\0-\x7f]/;

export function fold(s: string, cmp: string): string {
  let out = s;
  if (cmp !== 'Exact' && cmp !== 'IgnoreCase' && NOT_ASCII.test(out)) out = out.normalize('NFD').replace(MARKS, '');
  if (cmp !== 'Exact' && cmp !== 'IgnoreNonSpacingCharacters') out = out.toLowerCase();
  return out;
}

export function contains(hay: unknown, needle: string, mode: string, cmp: string): boolean {
  if (hay === null || hay === undefined) return false;
  const h = fold(String(hay), cmp);
  const n = fold(needle, cmp);
  switch (mode) {
    case 'FullString':
      return h === n;
    case 'Prefixed':
      return h.startsWith(n);
    case 'PrefixOnWords':
      return h.startsWith(n) || h.split(/[\s\p{P}]+/u).some((w) => w.startsWith(n));
    case 'ExactPhrase':
    case 'Substring':
    default:
      return h.includes(n);
  }
}
