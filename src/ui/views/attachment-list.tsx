import type { ComponentChildren } from 'preact';
import { plainFileName } from '../format/bidi.js';
import { fileKind } from '../format/file-kind.js';
import { formatFileSize } from '../format/file-size.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

/** A message's files as the reader lists them (its own, or an attached email's). */
export function AttachmentList({ children }: { children: ComponentChildren }) {
  const t = useI18n();
  return (
    <section class="attachments" aria-label={t.t('reader.attachments')}>
      <h3 class="visually-hidden">{t.t('reader.attachments')}</h3>
      <ul>{children}</ul>
    </section>
  );
}

/** One file: its name, size and kind (the MIME type in the tooltip), then what can be done with it. */
export function AttachmentItem(p: { name: string; size: number; type: string; children: ComponentChildren }) {
  const t = useI18n();
  return (
    <li>
      <span class="att-name">{plainFileName(p.name)}</span>
      <span class="att-meta" title={p.type}>
        {formatFileSize(p.size, t.locale)} · {fileKind(p.type, t)}
      </span>
      {p.children}
    </li>
  );
}
