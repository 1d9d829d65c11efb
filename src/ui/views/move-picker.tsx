import { useMemo, useState } from 'preact/hooks';
import { folderTree, type FolderRow } from '../../db/index.js';
import { Dialog } from '../components/dialog.js';
import { db } from '../db.js';
import { folderPaths } from '../folders/folder-paths.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

/** Move to folder (`v`): type to filter by any part of the folder's path, arrows and Enter to pick. */
export default function MovePicker({
  excludeId,
  onPick,
  onClose,
}: {
  excludeId: string | undefined;
  onPick(folder: FolderRow): void;
  onClose(): void;
}) {
  const t = useI18n();
  const tree = useLiveQuery(() => folderTree(db, { browsing: true }), []);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const choices = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return folderPaths(tree ?? [], t).filter(
      // Filing mail into the transport's queue is never what moving means.
      (c) =>
        c.folder.id !== excludeId &&
        c.folder.distinguished !== 'outbox' &&
        words.every((w) => c.path.toLowerCase().includes(w)),
    );
  }, [tree, filter, excludeId, t]);
  const current = Math.min(active, choices.length - 1);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.max(0, Math.min(choices.length - 1, current + step)));
    } else if (e.key === 'Enter' && choices[current]) {
      e.preventDefault();
      onPick(choices[current].folder);
    }
  };

  return (
    <Dialog title={t.t('move.title')} onClose={onClose} class="move-picker">
      <input
        type="text"
        class="filter"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="move-choices"
        aria-activedescendant={choices[current] ? `move-${current}` : undefined}
        aria-label={t.t('move.filter')}
        placeholder={t.t('move.filter')}
        value={filter}
        onInput={(e) => {
          setFilter((e.target as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="move-choices" role="listbox" aria-label={t.t('move.title')}>
        {choices.map((c, i) => (
          <li
            key={c.folder.id}
            id={`move-${i}`}
            role="option"
            aria-selected={i === current}
            class={i === current ? 'active' : undefined}
            onClick={() => onPick(c.folder)}
          >
            {c.path}
          </li>
        ))}
      </ul>
      {choices.length === 0 && <p class="pane-note">{t.t('move.none')}</p>}
      <footer class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t.t('action.cancel')}
        </button>
      </footer>
    </Dialog>
  );
}
