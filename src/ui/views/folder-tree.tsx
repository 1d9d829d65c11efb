import { useState } from 'preact/hooks';
import { folderTree, type FolderNode } from '../../db/index.js';
import { Icon } from '../components/icon.js';
import { db } from '../db.js';
import { folderIcon, folderName } from '../folder-names.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatRoute } from '../route.js';

const COLLAPSED_KEY = 'tern.collapsed';

function loadCollapsed(): Set<string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The folder pane: well-known folders first with their icons, then the user's folders, nested
 * and collapsible, each with its unread count (a stored number, never counted on render).
 */
export function FolderTree({ selectedId, onNavigate }: { selectedId: string | undefined; onNavigate?: () => void }) {
  const t = useI18n();
  const tree = useLiveQuery(() => folderTree(db), []);
  const [collapsed, setCollapsed] = useState(loadCollapsed);

  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (!next.delete(id)) next.add(id);
    setCollapsed(next);
    try {
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
    } catch {
      // The tree still works; it just forgets.
    }
  };

  if (tree === undefined) return null;
  if (tree.length === 0) return <p class="pane-note">{t.t('folder.empty')}</p>;

  const item = (node: FolderNode, level: number) => {
    const name = folderName(node, t);
    const open = !collapsed.has(node.id);
    const hasChildren = node.children.length > 0;
    const current = node.id === selectedId;
    return (
      <li key={node.id}>
        <div
          class={`folder${current ? ' current' : ''}${node.unread > 0 ? ' has-unread' : ''}`}
          style={{ '--level': level }}
        >
          {hasChildren ? (
            <button
              type="button"
              class="twisty"
              aria-expanded={open}
              aria-label={t.t(open ? 'folder.collapse' : 'folder.expand', { name })}
              onClick={() => toggle(node.id)}
            >
              <Icon name={open ? 'chevronDown' : 'chevronRight'} />
            </button>
          ) : (
            <span class="twisty" />
          )}
          <a
            href={formatRoute({ view: 'mail', folderId: node.id })}
            aria-current={current ? 'page' : undefined}
            data-folder={node.distinguished ?? node.name}
            onClick={onNavigate}
          >
            <Icon name={folderIcon(node)} />
            <span class="folder-name">{name}</span>
            {node.unread > 0 && (
              <span class="count" aria-label={t.plural('folder.unread', node.unread)}>
                {node.unread.toLocaleString(t.locale)}
              </span>
            )}
          </a>
        </div>
        {hasChildren && open && <ul>{node.children.map((c) => item(c, level + 1))}</ul>}
      </li>
    );
  };

  return <ul class="folder-tree">{tree.map((n) => item(n, 0))}</ul>;
}
