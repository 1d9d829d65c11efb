import { describe, expect, it } from 'vitest';
import { CreateItem, encodeRequest, type Attachment } from '../../ews/index.js';
import type { Draft } from '../../db/index.js';
import { validateEws } from '../../../test/support/xsd.js';
import { draftToItem } from './draft-item.js';

const draft: Draft = {
  to: [{ name: 'Ada', email: 'ada@tern.test' }],
  cc: [],
  bcc: [],
  subject: 'Files',
  text: 'See attached',
  attachments: [
    { kind: 'file', fileId: 'f1', name: 'a.bin', contentType: 'application/octet-stream', size: 3 },
    { kind: 'file', fileId: 'f2', name: 'empty.txt', contentType: 'text/plain', size: 0 },
  ],
};

const contents: Attachment[] = [
  { kind: 'FileAttachment', name: 'a.bin', contentType: 'application/octet-stream', content: 'AP+A' },
  { kind: 'FileAttachment', name: 'empty.txt', contentType: 'text/plain', content: '' },
];

describe('draftToItem with attachments', () => {
  it('carries each file with its content, in order, and the CreateItem is valid EWS', async () => {
    const item = draftToItem(draft, 'op-1', undefined, contents);
    expect(item.attachments).toEqual(contents);
    const xml = encodeRequest(CreateItem, {
      messageDisposition: 'SaveOnly',
      savedItemFolderId: { distinguished: 'drafts' },
      items: [item],
    });
    expect(xml).toContain('<t:Name>a.bin</t:Name>');
    expect(xml).toContain('<t:Content>AP+A</t:Content>');
    expect(await validateEws(xml)).toEqual({ valid: true, errors: [] });
  });

  it('has no attachments element when there are none', () => {
    expect(draftToItem(draft, 'op-1')).not.toHaveProperty('attachments');
    expect(draftToItem(draft, 'op-1', undefined, [])).not.toHaveProperty('attachments');
  });
});
