import { DRAFT_PREFIX, resumeDraft, type LocalDraft } from '../compose/compose-state.js';
import { db } from '../db.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';

/** Drafts written on this device and not sent, under the folders, so closing the composer loses nothing. */
export function LocalDrafts() {
  const t = useI18n();
  const drafts = useLiveQuery(
    async () =>
      (await db.meta.where('key').startsWith(DRAFT_PREFIX).toArray())
        .map((row) => row.value as LocalDraft)
        .sort((a, b) => b.savedAt - a.savedAt),
    [],
  );
  if (!drafts?.length) return null;
  return (
    <section class="local-drafts" aria-labelledby="local-drafts-title">
      <h2 id="local-drafts-title">{t.t('compose.drafts')}</h2>
      <ul>
        {drafts.map((d) => (
          <li key={d.key}>
            <button type="button" class="link-button" onClick={() => resumeDraft(d)}>
              {d.subject || d.to || t.t('list.noSubject')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
