import {
  attachmentBytes,
  MAX_ATTACHMENT_BYTES,
  type AttachmentMeta,
  type DraftAttachment,
  type MessageRow,
  type NewFile,
} from '../../db/index.js';

/** A file that could not be read from the disk (moved, deleted, no permission). */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(readonly fileName: string) {
    super(`"${fileName}" could not be read`);
  }
}

/**
 * The files' bytes, read now: a file is read once, when it is attached, so what is sent is what
 * the user picked even if the file changes or goes away later. Which file failed is said.
 */
export async function readFiles(files: readonly File[]): Promise<NewFile[]> {
  const out: NewFile[] = [];
  for (const f of files) {
    try {
      out.push({ name: f.name, contentType: f.type || 'application/octet-stream', bytes: await f.arrayBuffer() });
    } catch {
      throw new FileReadError(f.name);
    }
  }
  return out;
}

/** The first file that would take the message past the size limit, or undefined when all fit. */
export function overLimit(
  current: readonly DraftAttachment[] | undefined,
  adding: readonly { name: string; size: number }[],
): string | undefined {
  let total = attachmentBytes(current);
  for (const f of adding) {
    total += f.size;
    if (total > MAX_ATTACHMENT_BYTES) return f.name;
  }
  return undefined;
}

/** The limit as people read it ("25 MB"). */
export const LIMIT_TEXT = `${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;

/**
 * Files of a message on the server, as a forward or an edited draft carries them: references
 * fetched from the server when the send replays, so this works offline.
 */
export function forwardedAttachments(
  source: Pick<MessageRow, 'id' | 'internetMessageId'>,
  list: readonly AttachmentMeta[],
): DraftAttachment[] {
  const messageId = source.internetMessageId;
  return list.map((a) => ({
    kind: 'forward',
    sourceId: source.id,
    ...(messageId && { messageId }),
    attachmentId: a.id,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
  }));
}
