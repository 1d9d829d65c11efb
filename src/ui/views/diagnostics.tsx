import { useEffect, useState } from 'preact/hooks';
import {
  BODIES_PER_FOLDER,
  BODY_KEEP_DAYS,
  HIERARCHY_CURSOR,
  META,
  evictBodies,
  folderTree,
  type FolderNode,
  type SyncCursor,
} from '../../db/index.js';
import { showToast } from '../actions/toasts.js';
import { db } from '../db.js';
import { resyncEverything } from '../queries/resync.js';
import { folderName } from '../folder-names.js';
import { formatFileSize } from '../format/file-size.js';
import { agoParts } from '../format/relative-date.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import type { Translator } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { requestSync } from '../sync-triggers.js';
import '../i18n/views.js';

declare const __APP_VERSION__: string;

function age(ms: number | undefined, now: number, t: Translator): string {
  if (ms === undefined) return t.t('diag.never');
  const a = agoParts(ms, now);
  return a.unit === 'now' ? t.t('ago.now') : t.plural(`ago.${a.unit}`, a.count);
}

function stateOf(c: SyncCursor | undefined, t: Translator): string {
  if (!c || c.syncState === undefined) return t.t('diag.none');
  return t.t(c.complete ? 'diag.complete' : 'diag.incomplete');
}

function flatten(nodes: FolderNode[], depth = 0): { node: FolderNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

interface StorageInfo {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

async function readStorage(): Promise<StorageInfo> {
  const s = navigator.storage;
  if (!s?.estimate) return {};
  const [estimate, persisted] = await Promise.all([s.estimate(), s.persisted?.() ?? Promise.resolve(false)]);
  return {
    ...(estimate.usage !== undefined && { usage: estimate.usage }),
    ...(estimate.quota !== undefined && { quota: estimate.quota }),
    persisted,
  };
}

/** Per-folder sync health, storage and persistence, the version, and a way to start over. */
export default function Diagnostics() {
  const t = useI18n();
  const now = useNow(30_000);
  const data = useLiveQuery(async () => {
    const [tree, cursors] = await Promise.all([folderTree(db), db.cursors.toArray()]);
    return { rows: flatten(tree), cursors: new Map(cursors.map((c) => [c.key, c])) };
  }, []);
  // Apart from the folders: bodies are written all through a sync, and should not redo the tree.
  const bodies = useLiveQuery(async () => {
    const [count, swept] = await Promise.all([db.bodies.count(), db.meta.get(META.bodiesSwept)]);
    return { count, swept: swept?.value as number | undefined };
  }, []);
  const [storage, setStorage] = useState<StorageInfo | undefined>(undefined);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    void readStorage().then(setStorage);
  }, []);

  const persist = async () => {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    setDenied(!granted);
    setStorage(await readStorage());
  };

  // Bodies outside the offline window (opened once, or overtaken by newer mail) download again on open.
  const freeSpace = async () => {
    const removed = await evictBodies(db, BODIES_PER_FOLDER, Infinity);
    setStorage(await readStorage());
    showToast(t.plural('diag.bodiesRemoved', removed));
  };

  const resync = async () => {
    if (!confirm(t.t('diag.resyncConfirm'))) return;
    await resyncEverything();
    requestSync('user');
    showToast(t.t('diag.resyncStarted'));
  };

  const hierarchy = data?.cursors.get(HIERARCHY_CURSOR);

  return (
    <section class="diagnostics" aria-labelledby="diag-title">
      <h2 id="diag-title">{t.t('diag.title')}</h2>
      <p>{t.t('diag.version', { version: __APP_VERSION__ })}</p>

      <h3>{t.t('diag.storage')}</h3>
      {storage?.usage !== undefined && storage.quota !== undefined ? (
        <p class="storage-used">
          {t.t('diag.used', {
            used: formatFileSize(storage.usage, t.locale),
            quota: formatFileSize(storage.quota, t.locale),
          })}
        </p>
      ) : (
        <p>{t.t('diag.unknownStorage')}</p>
      )}
      {bodies !== undefined && (
        <>
          <p class="bodies-stored">
            {t.plural('diag.bodies', bodies.count)}{' '}
            <button type="button" onClick={freeSpace}>
              {t.t('diag.freeSpace')}
            </button>
          </p>
          <p class="bodies-kept">
            {t.t('diag.bodiesKept', { window: BODIES_PER_FOLDER, days: BODY_KEEP_DAYS })}{' '}
            {t.t('diag.bodiesSwept', { ago: age(bodies.swept, now, t) })}
          </p>
        </>
      )}
      <p class="persisted">{t.t(storage?.persisted ? 'diag.persisted' : 'diag.notPersisted')}</p>
      {!storage?.persisted && (
        <button type="button" onClick={persist}>
          {t.t('diag.persist')}
        </button>
      )}
      {denied && <p class="pane-note">{t.t('diag.persistDenied')}</p>}

      <h3>{t.t('diag.state')}</h3>
      <div class="table-scroll">
        <table class="diag-table">
          <thead>
            <tr>
              <th scope="col">{t.t('diag.folder')}</th>
              <th scope="col">{t.t('diag.state')}</th>
              <th scope="col">{t.t('diag.age')}</th>
              <th scope="col">{t.t('diag.lastResult')}</th>
              <th scope="col">{t.t('diag.local')}</th>
              <th scope="col">{t.t('diag.server')}</th>
              <th scope="col">{t.t('diag.verified')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t.t('diag.hierarchy')}</th>
              <td>{stateOf(hierarchy, t)}</td>
              <td>{age(hierarchy?.updatedAt, now, t)}</td>
              <td>{hierarchy?.lastResult ?? ''}</td>
              <td>{data?.rows.length ?? ''}</td>
              <td />
              <td>{age(hierarchy?.lastVerified, now, t)}</td>
            </tr>
            {data?.rows.map(({ node, depth }) => {
              const c = data.cursors.get(node.id);
              const server = c?.serverTotal !== undefined ? `${c.serverTotal} / ${c.serverUnread ?? 0}` : '';
              return (
                <tr key={node.id} data-folder={node.distinguished ?? node.name}>
                  <th scope="row" style={{ paddingInlineStart: `${0.5 + depth}rem` }}>
                    {folderName(node, t)}
                  </th>
                  <td>{stateOf(c, t)}</td>
                  <td>{age(c?.updatedAt, now, t)}</td>
                  <td>{c?.lastResult ?? ''}</td>
                  <td class="local-counts">
                    {node.total} / {node.unread}
                  </td>
                  <td class="server-counts">{server}</td>
                  <td>{age(c?.lastVerified, now, t)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" class="danger" onClick={resync}>
        {t.t('diag.resync')}
      </button>
    </section>
  );
}
