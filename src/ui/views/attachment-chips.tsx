import type { DraftAttachment } from '../../db/index.js';
import { plainFileName } from '../format/bidi.js';
import { formatFileSize } from '../format/file-size.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

/**
 * The composer's attachments, one chip each: name and size, and a remove button in the tab
 * order whose label names the file (a bare "×" says nothing to a screen reader).
 */
export function AttachmentChips({
  list,
  onRemove,
}: {
  list: readonly DraftAttachment[];
  onRemove(index: number): void;
}) {
  const t = useI18n();
  if (list.length === 0) return null;
  return (
    <ul class="attachment-chips" aria-label={t.t('compose.attachments')}>
      {list.map((a, i) => (
        <li class="attachment-chip" key={a.kind === 'file' ? a.fileId : `${a.sourceId}/${a.attachmentId}`}>
          <span class="chip-name">{plainFileName(a.name)}</span>
          <span class="chip-size">{formatFileSize(a.size, t.locale)}</span>
          <button
            type="button"
            class="chip-remove"
            aria-label={t.t('compose.removeAttachment', { name: a.name })}
            title={t.t('compose.removeAttachment', { name: a.name })}
            onClick={() => onRemove(i)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
