import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate.js';
import { fileKind } from './file-kind.js';

describe('fileKind', () => {
  it('names the common kinds, and shows any other MIME type as it is', () => {
    const t = createTranslator('en');
    const kinds = [
      'message/rfc822',
      'application/PDF',
      'image/png; name="a.png"',
      'text/plain',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.oasis.opendocument.presentation',
      'application/zip',
      'application/x-tern-unknown',
      '',
    ].map((type) => fileKind(type, t));
    expect(kinds).toEqual([
      'Email',
      'PDF',
      'Picture',
      'Text',
      'Document',
      'Spreadsheet',
      'Presentation',
      'Archive',
      'application/x-tern-unknown',
      'File',
    ]);
  });
});
