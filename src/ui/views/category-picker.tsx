import { useMemo, useState } from 'preact/hooks';
import type { MessageRow } from '../../db/index.js';
import { categoriesInUse } from '../../db/categories.js';
import { Dialog } from '../components/dialog.js';
import { FilterList } from '../components/filter-list.js';
import { db } from '../db.js';
import { categoryHue } from '../format/category-hue.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/use-i18n.js';
import { isCategoryName } from '../../db/validate-action.js';
import { categoryChoices } from './category-choices.js';
import '../i18n/views.js';

const PRESETS: MessageKey[] = [
  'categorize.preset.red',
  'categorize.preset.orange',
  'categorize.preset.yellow',
  'categorize.preset.green',
  'categorize.preset.blue',
  'categorize.preset.purple',
];

const MARK = { all: '✓', some: '–', none: '' } as const;

/**
 * Categorize (`l`): the categories in use and Outlook's presets, each marked by whether the
 * messages have it; type to filter or to name a new one, arrows and Enter to pick. A pick puts the
 * category on, or takes it off when every message has it.
 */
export default function CategoryPicker({
  messages,
  onPick,
  onClose,
}: {
  messages: MessageRow[];
  onPick(category: string): void;
  onClose(): void;
}) {
  const t = useI18n();
  const inUse = useLiveQuery(() => categoriesInUse(db), []);
  const [filter, setFilter] = useState('');
  const choices = useMemo(
    () =>
      categoryChoices(
        messages,
        PRESETS.map((k) => t.t(k)),
        inUse ?? [],
        filter,
      ),
    [messages, inUse, filter, t],
  );
  return (
    <Dialog title={t.t('categorize.title')} onClose={onClose} class="move-picker category-picker">
      <FilterList
        name="category"
        label={t.t('categorize.title')}
        placeholder={t.t('categorize.filter')}
        describedBy="category-hint"
        filter={filter}
        onFilter={setFilter}
        choices={choices}
        keyOf={(c) => c.name}
        checked={(c) => (c.has === 'all' ? 'true' : c.has === 'some' ? 'mixed' : 'false')}
        render={(c) => (
          <>
            <span class="check" aria-hidden="true">
              {MARK[c.has]}
            </span>
            <span class="category" style={{ '--cat-hue': String(categoryHue(c.name)) }}>
              {c.isNew ? t.t('categorize.new', { name: c.name }) : c.name}
            </span>
          </>
        )}
        onPick={(c) => onPick(c.name)}
      />
      <p id="category-hint" class="pane-note">
        {isCategoryName(filter.trim()) ? t.t('categorize.hint') : t.t('categorize.invalid')}
      </p>
      <footer class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t.t('action.cancel')}
        </button>
      </footer>
    </Dialog>
  );
}
