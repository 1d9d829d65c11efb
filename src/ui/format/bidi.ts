/**
 * Text a sender wrote, made safe to show next to other text (Unicode UAX #9). A right-to-left
 * override in a name can otherwise reverse what follows it, so "Bank <x@evil.test>" reads as
 * another address, and `invoice\u202Efdp.exe` shows as "invoiceexe.pdf".
 * @see https://www.unicode.org/reports/tr9/
 * @see https://www.unicode.org/reports/tr36/#Bidirectional_Text_Spoofing
 */

// ALM, LRM, RLM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text inside a first-strong isolate: it takes its direction from its own letters, and
 * whatever overrides it opens end at the closing PDI, so they cannot reach the text around it.
 */
export function isolate(text: string): string {
  return text ? `\u2068${text}\u2069` : text;
}

/**
 * A file name without bidirectional controls: they never belong in one, and they are how an
 * `.exe` passes for a `.pdf`.
 */
export function plainFileName(name: string): string {
  return withoutBidiControls(name);
}

/** The text without bidirectional controls: what it says, whatever order it is drawn in. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
