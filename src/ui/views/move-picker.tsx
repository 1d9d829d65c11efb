import { useMemo, useState } from 'preact/hooks';
import { folderTree, type FolderRow } from '../../db/index.js';
import { Dialog } from '../components/dialog.js';
import { FilterList } from '../components/filter-list.js';
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
  return (
    <Dialog title={t.t('move.title')} onClose={onClose} class="move-picker">
      <FilterList
        name="move"
        label={t.t('move.title')}
        placeholder={t.t('move.filter')}
        filter={filter}
        onFilter={setFilter}
        choices={choices}
        keyOf={(c) => c.folder.id}
        render={(c) => c.path}
        onPick={(c) => onPick(c.folder)}
      />
      {choices.length === 0 && <p class="pane-note">{t.t('move.none')}</p>}
      <footer class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t.t('action.cancel')}
        </button>
      </footer>
    </Dialog>
  );
}
