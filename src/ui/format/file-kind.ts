import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translate.js';
import '../i18n/views.js';

// What people call the common kinds of attachment; anything else shows its MIME type.
const KINDS: ReadonlyArray<readonly [RegExp, MessageKey]> = [
  [/^message\/rfc822$/, 'file.email'],
  [/^application\/pdf$/, 'file.pdf'],
  [/^image\//, 'file.image'],
  [/^text\/calendar$/, 'file.calendar'],
  [/^text\/plain$/, 'file.text'],
  [/^application\/(?:zip|x-zip-compressed|gzip|x-7z-compressed)$/, 'file.archive'],
  [/wordprocessingml|msword|opendocument\.text/, 'file.document'],
  [/spreadsheetml|ms-excel|opendocument\.spreadsheet|^text\/csv$/, 'file.spreadsheet'],
  [/presentationml|ms-powerpoint|opendocument\.presentation/, 'file.slides'],
];

/** An attachment's kind for people ("PDF", "Email"), from its MIME type. */
export function fileKind(contentType: string, t: Translator): string {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  const kind = KINDS.find(([pattern]) => pattern.test(type))?.[1];
  return kind ? t.t(kind) : type || t.t('file.unknown');
}
