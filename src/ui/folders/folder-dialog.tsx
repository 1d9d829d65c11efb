import { useEffect, useState } from 'preact/hooks';
import { distinguishedFolder, folderTree, type FolderNode } from '../../db/index.js';
import { Dialog } from '../components/dialog.js';
import { db } from '../db.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import { createFolder, deleteFolder, deletesForGood, emptyFolder, renameFolder } from './folder-actions.js';
import { folderName } from '../folder-names.js';
import { checkFolderName, type NameProblem } from './folder-name-check.js';
import { folderPaths, subtreeSize } from './folder-paths.js';
import '../i18n/views.js';

export type FolderDialogRequest =
  /** `parentId` '' is the top of the mailbox. */
  | { kind: 'create'; parentId: string }
  | { kind: 'rename'; folder: FolderNode }
  | { kind: 'delete'; folder: FolderNode }
  | { kind: 'empty'; folder: FolderNode };

export interface FolderDialogProps {
  request: FolderDialogRequest;
  onClose(): void;
  /** A folder was created under `parentId` (shown expanded, so the new one is in view). */
  onCreated?(parentId: string): void;
}

/** The folders a new or renamed folder would sit among; the top level hangs under msgfolderroot. */
async function siblingsOf(parentId: string) {
  const parent = parentId || (await distinguishedFolder(db, 'inbox'))?.parentId;
  return parent === undefined ? [] : db.folders.where('parentId').equals(parent).toArray();
}

/** New folder, Rename, Delete and Empty, from the folder pane's menu or its New folder button. */
export default function FolderDialog({ request, onClose, onCreated }: FolderDialogProps) {
  if (request.kind === 'delete') return <DeleteFolder folder={request.folder} onClose={onClose} />;
  if (request.kind === 'empty') return <EmptyFolder folder={request.folder} onClose={onClose} />;
  return <NameFolder request={request} onClose={onClose} onCreated={onCreated} />;
}

function NameFolder({
  request,
  onClose,
  onCreated,
}: FolderDialogProps & { request: Extract<FolderDialogRequest, { kind: 'create' | 'rename' }> }) {
  const t = useI18n();
  const renaming = request.kind === 'rename' ? request.folder : undefined;
  const [name, setName] = useState(renaming?.name ?? '');
  const [parentId, setParentId] = useState(request.kind === 'create' ? request.parentId : '');
  const [problem, setProblem] = useState<NameProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const tree = useLiveQuery(() => folderTree(db, { browsing: true }), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (renaming && name.trim() === renaming.name) return onClose();
    const found = checkFolderName(name, await siblingsOf(renaming?.parentId ?? parentId), renaming?.id);
    setProblem(found);
    if (found) return;
    setBusy(true);
    const ok = renaming ? await renameFolder(renaming, name, t) : (await createFolder(parentId, name, t)) !== undefined;
    setBusy(false);
    if (!ok) return;
    if (!renaming) onCreated?.(parentId);
    onClose();
  };

  return (
    <Dialog title={t.t(renaming ? 'folder.renameTitle' : 'folder.new')} onClose={onClose} class="folder-dialog">
      <form class="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          <span>{t.t('folder.name')}</span>
          <input
            type="text"
            name="folder-name"
            autoFocus
            autoComplete="off"
            value={name}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'folder-name-problem' : undefined}
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              setProblem(undefined);
            }}
            onFocus={(e) => (e.target as HTMLInputElement).select()}
          />
        </label>
        {problem && (
          <p id="folder-name-problem" class="form-error" role="alert">
            {t.t(problem.key, problem.params)}
          </p>
        )}
        {!renaming && (
          <label>
            <span>{t.t('folder.location')}</span>
            <select
              name="folder-parent"
              value={parentId}
              onChange={(e) => {
                setParentId((e.target as HTMLSelectElement).value);
                setProblem(undefined);
              }}
            >
              <option value="">{t.t('folder.top')}</option>
              {folderPaths(tree ?? [], t).map((c) => (
                <option key={c.folder.id} value={c.folder.id}>
                  {c.path}
                </option>
              ))}
            </select>
          </label>
        )}
        <footer class="dialog-actions">
          <button type="button" onClick={onClose}>
            {t.t('action.cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t.t(renaming ? 'folder.rename' : 'folder.create')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

interface ConfirmProps {
  title: string;
  /** What will happen, in full, before it does. */
  summary: string;
  /** The button that does it. */
  label: string;
  run(): Promise<boolean>;
  onClose(): void;
}

/** A destructive folder change, said in words first; the dialog closes once it is recorded. */
function Confirm({ title, summary, label, run, onClose }: ConfirmProps) {
  const t = useI18n();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const ok = await run();
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog title={title} onClose={onClose} class="folder-dialog">
      <p class="dialog-body delete-summary">{summary}</p>
      <footer class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t.t('action.cancel')}
        </button>
        <button type="button" class="primary danger-fill" autoFocus disabled={busy} onClick={() => void confirm()}>
          {label}
        </button>
      </footer>
    </Dialog>
  );
}

/**
 * Says what a delete does before it is done: how many messages go (the folder's and its
 * subfolders' stored counts), and where — Deleted Items, or for good when already there.
 */
function DeleteFolder({ folder, onClose }: { folder: FolderNode; onClose(): void }) {
  const t = useI18n();
  const [forGood, setForGood] = useState<boolean | undefined>(undefined);
  useEffect(() => void deletesForGood(folder).then(setForGood), [folder.id]);
  // Opened once the answer is known, so the dialog's focus lands on its Delete button.
  if (forGood === undefined) return null;
  const size = subtreeSize(folder);
  const summary = [
    t.plural(forGood ? 'folder.deleteForGood' : 'folder.deleteToTrash', size.messages, { name: folder.name }),
    ...(size.folders > 0 ? [t.plural('folder.deleteSubfolders', size.folders)] : []),
  ].join(' ');
  return (
    <Confirm
      title={t.t('folder.deleteTitle')}
      summary={summary}
      label={t.t('folder.delete')}
      run={() => deleteFolder(folder, t)}
      onClose={onClose}
    />
  );
}

/**
 * Says what emptying does before it is done: how many messages go, and where (for good from
 * Deleted Items, with the folders in it; into Deleted Items from Junk).
 */
function EmptyFolder({ folder, onClose }: { folder: FolderNode; onClose(): void }) {
  const t = useI18n();
  const forGood = folder.distinguished === 'deleteditems';
  const inside = forGood ? folder.children.length : 0;
  const summary = [
    t.plural(forGood ? 'folder.emptyForGood' : 'folder.emptyToTrash', folder.total, { name: folderName(folder, t) }),
    ...(inside > 0 ? [t.plural('folder.emptySubfolders', inside)] : []),
  ].join(' ');
  return (
    <Confirm
      title={t.t('folder.emptyFolder')}
      summary={summary}
      label={t.t('folder.emptyFolder')}
      run={() => emptyFolder(folder, t)}
      onClose={onClose}
    />
  );
}
