import type { Address } from './entities.js';

// Letters and digits in any script; everything else separates words.
const WORD = /[\p{L}\p{N}]+/gu;
// Combining marks left by NFKD, so "café" is found by "cafe".
const MARKS = /\p{M}+/gu;

/** Longest word kept in the index; longer ones are cut (a prefix search still finds them). */
export const MAX_TERM_LENGTH = 32;
/** Words indexed per message: the subject and sender always fit; a long preview is cut. */
export const MAX_TERMS = 80;

/** `text` lower-case and without accents, as searches compare it. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Lower-case, accent-free words of `text`, in order, repeats kept. */
export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * The `*terms` multi-entry index of a message: distinct words of the subject, the sender's name
 * and address, and the preview. One-letter words are left out (they would match everything).
 */
export function searchTerms(subject: string, from: Address | undefined, preview: string): string[] {
  const out = new Set<string>();
  const sources = [subject, from?.name ?? '', from?.email ?? '', preview];
  for (const source of sources)
    for (const w of words(source)) {
      if (out.size >= MAX_TERMS) return [...out];
      if (w.length > 1) out.add(w.slice(0, MAX_TERM_LENGTH));
    }
  return [...out];
}
