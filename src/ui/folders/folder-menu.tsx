import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { FolderNode } from '../../db/index.js';
import { folderName } from '../folder-names.js';
import { useI18n } from '../i18n/use-i18n.js';
import { canChange, canEmpty, markAllRead } from './folder-actions.js';
import '../i18n/views.js';

export type FolderMenuChoice = 'create' | 'rename' | 'delete' | 'empty';

export interface FolderMenuProps {
  folder: FolderNode;
  /** Where it opens: the pointer for a right-click, below the row or the ⋯ button from the keyboard. */
  x: number;
  y: number;
  onChoose(choice: FolderMenuChoice): void;
  /** Closed without a choice; `refocus` when focus should go back to where the menu came from. */
  onClose(refocus: boolean): void;
}

/**
 * A folder's context menu (right-click, the ⋯ button, Shift+F10 or the context-menu key): New
 * subfolder for every folder, Mark all as read when it has unread mail, Rename and Delete for
 * the user's own, Empty folder for Deleted Items and Junk when they hold anything. Arrow keys
 * move, Esc closes, as the ARIA menu pattern has it.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/
 */
export default function FolderMenu({ folder, x, y, onChoose, onClose }: FolderMenuProps) {
  const t = useI18n();
  const root = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const [changeable, setChangeable] = useState<boolean | undefined>(undefined);
  useEffect(() => void canChange(folder).then(setChangeable), [folder.id]);

  // Keep it on screen: open upwards or leftwards when there is no room.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    el.style.left = `${Math.max(4, Math.min(x, innerWidth - width - 4))}px`;
    el.style.top = `${Math.max(4, y + height > innerHeight - 4 ? y - height : y)}px`;
    el.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [x, y, changeable]);

  useEffect(() => {
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) close.current(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      go(at + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      go(e.key === 'Home' ? 0 : -1);
    }
  };

  const item = (label: string, run: () => void) => (
    <button type="button" role="menuitem" tabIndex={-1} onClick={run}>
      {label}
    </button>
  );
  const choose = (choice: FolderMenuChoice) => () => onChoose(choice);
  // Done at once, as a toolbar action is: it can be undone from its note.
  const markRead = () => {
    void markAllRead(folder, t);
    onClose(true);
  };

  // Shown once it is known which items it has, so focus lands on the first of them.
  if (changeable === undefined) return null;
  return (
    <div
      ref={root}
      class="menu folder-menu"
      role="menu"
      aria-label={t.t('folder.actions', { name: folderName(folder, t) })}
      onKeyDown={onKeyDown}
    >
      {item(t.t('folder.newSub'), choose('create'))}
      {folder.unread > 0 && item(t.t('folder.markAllRead'), markRead)}
      {changeable && item(`${t.t('folder.rename')}…`, choose('rename'))}
      {changeable && item(`${t.t('folder.delete')}…`, choose('delete'))}
      {canEmpty(folder) &&
        (folder.total > 0 || folder.children.length > 0) &&
        item(`${t.t('folder.emptyFolder')}…`, choose('empty'))}
    </div>
  );
}
