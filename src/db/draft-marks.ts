// The marks a draft's text may carry (`Draft.text`): **bold**, _italic_, "- " list items, "> "
// quotes and [text](address) links, as the composer's toolbar inserts them. The composer renders
// them as HTML (src/ui/compose/format-body.ts); the store shows a draft's words without them.

/**
 * One inline mark per match, in this order: **bold** (group 1), _italic_ (2), a bare http(s) or
 * mailto address (3), which ends before closing punctuation ("see https://x."), and a
 * [text](address) link (4 and 5). A literal, not built from parts: a module that builds it at
 * load time is one no bundle can leave out, and the worker's has no room for it.
 */
export const INLINE_MARK =
  /\*\*([^*\n]+)\*\*|(?<![\w])_([^_\n]+)_(?![\w])|((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)'\]])|\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s()<>"]+)\)/g;
export const LIST_MARK = /^[-*] /;
export const QUOTE_MARK = /^> ?/;

/** The words of a draft's text as a reader sees them: marks gone, a link's text kept. */
export function unmarked(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(QUOTE_MARK, '').replace(LIST_MARK, ''))
    .join('\n')
    .replace(INLINE_MARK, (_, b?: string, i?: string, bare?: string, link?: string) => b ?? i ?? bare ?? link ?? '');
}
