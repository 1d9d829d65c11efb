import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, type AttachmentMeta, type DraftAttachment } from '../../db/index.js';
import { FileReadError, forwardedAttachments, overLimit, readFiles } from './attachments.js';

const meta = (id: string, extra: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id,
  name: `${id}.pdf`,
  contentType: 'application/pdf',
  size: 10,
  isInline: false,
  ...extra,
});

describe('forwardedAttachments', () => {
  it('names each file as a reference to fetch from the server', () => {
    const list = [meta('a'), meta('logo', { isInline: true, contentId: 'logo@x' })];
    expect(forwardedAttachments({ id: 'm1' }, list)).toEqual([
      { kind: 'forward', sourceId: 'm1', attachmentId: 'a', name: 'a.pdf', contentType: 'application/pdf', size: 10 },
      {
        kind: 'forward',
        sourceId: 'm1',
        attachmentId: 'logo',
        name: 'logo.pdf',
        contentType: 'application/pdf',
        size: 10,
      },
    ]);
  });

  it('names the original by its Message-ID too, to find it again once moved', () => {
    const [ref] = forwardedAttachments({ id: 'm1', internetMessageId: '<x@tern.test>' }, [meta('a')]);
    expect(ref).toMatchObject({ sourceId: 'm1', messageId: '<x@tern.test>' });
  });
});

describe('overLimit', () => {
  const have: DraftAttachment[] = [
    { kind: 'file', fileId: 'f', name: 'big', contentType: '', size: MAX_ATTACHMENT_BYTES - 100 },
  ];

  it('names the first file that does not fit, counting what is attached already', () => {
    expect(overLimit(have, [{ name: 'small', size: 100 }])).toBeUndefined();
    expect(
      overLimit(have, [
        { name: 'small', size: 60 },
        { name: 'second', size: 60 },
        { name: 'third', size: 1 },
      ]),
    ).toBe('second');
    expect(overLimit(undefined, [{ name: 'empty', size: 0 }])).toBeUndefined();
  });
});

describe('readFiles', () => {
  it('reads each file’s bytes and type, an empty one included', async () => {
    const read = await readFiles([
      new File([Uint8Array.of(0x80, 0xff)], 'a.bin'),
      new File([], 'e.txt', { type: 'text/plain' }),
    ]);
    expect(read.map((f) => [f.name, f.contentType, [...new Uint8Array(f.bytes)]])).toEqual([
      ['a.bin', 'application/octet-stream', [0x80, 0xff]],
      ['e.txt', 'text/plain', []],
    ]);
  });

  it('says which file could not be read', async () => {
    const broken = new File([], 'gone.doc');
    broken.arrayBuffer = () => Promise.reject(new DOMException('gone', 'NotReadableError'));
    const err = await readFiles([new File(['ok'], 'ok.txt'), broken]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileReadError);
    expect((err as FileReadError).fileName).toBe('gone.doc');
  });
});
