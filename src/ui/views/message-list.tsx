import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { FolderRow, MessageRow } from '../../db/index.js';
import { MessageItem } from '../components/message-item.js';
import { db } from '../db.js';
import { ensureAnchors, folderAnchors } from '../queries/folder-anchors.js';
import { messageWindow } from '../queries/message-window.js';
import { useStore } from '../hooks/store.js';
import { folderName } from '../folder-names.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { ShortcutCommand } from '../keyboard.js';
import { endDrag, startDrag } from '../multi-select/message-drag.js';
import { selectedMessages } from '../multi-select/selected-messages.js';
import { SelectionBar } from '../multi-select/selection-bar.js';
import { addRange, isSelected, selectionIn } from '../multi-select/selection-model.js';
import {
  clearSelection,
  selectAllIn,
  selection as selectionStore,
  selectRangeTo,
  toggleSelected,
} from '../multi-select/selection-store.js';
import { listWindow, ROW_HEIGHT } from './list-window.js';

export interface MessageListProps {
  folder: FolderRow;
  selectedIndex: number | undefined;
  onOpen(message: MessageRow, index: number): void;
  onMove(index: number): void;
  /** A toolbar command for the selected messages (the app resolves the selection). */
  onCommand(command: ShortcutCommand): void;
}

/**
 * A folder's messages, newest first, virtualized: only the rows near the viewport exist in the DOM
 * and only their window is read from IndexedDB (by offset on `[folderId+receivedAt]`), so a
 * 100,000-message folder costs what a 100-message one does.
 */
export function MessageList({ folder, selectedIndex, onOpen, onMove, onCommand }: MessageListProps) {
  const t = useI18n();
  const picked = useStore(selectionStore);
  const selection = selectionIn(picked, folder.id);
  const now = useNow(60_000);
  const scroller = useRef<HTMLDivElement>(null);
  // Start from the window's height, so the first query already fills the screen.
  const [viewport, setViewport] = useState(() => ({ top: 0, height: window.innerHeight }));
  const total = folder.total;
  const { start, end } = listWindow(viewport.top, viewport.height, total);

  // Big folders get anchors so a deep window reads a few hundred rows, not everything above it.
  useEffect(() => ensureAnchors(db, folder.id, total), [folder.id, total]);
  const anchors = useStore(folderAnchors).get(folder.id);
  const page = useLiveQuery(
    async () => ({
      folderId: folder.id,
      start,
      rows: await messageWindow(db, folder.id, start, end - start, anchors),
    }),
    [folder.id, start, end, anchors],
  );

  // A new folder starts at the top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setViewport((v) => ({ ...v, top: 0 }));
  }, [folder.id]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    // Read layout once per frame, after the browser scrolled: no forced synchronous layout.
    const read = () => {
      frame = 0;
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight },
      );
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(read);
    };
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  // Keep the cursor's row in view when the keyboard moves it.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex === undefined) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedIndex]);

  const rows = page && page.folderId === folder.id ? page.rows : [];
  const rowAt = (index: number) => (page ? rows[index - page.start] : undefined);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = selectedIndex ?? -1;
    const current = rowAt(at);
    // Space toggles the cursor's message; Shift+arrows select as the cursor moves (ARIA listbox).
    if (e.key === ' ' && current) {
      e.preventDefault();
      return toggleSelected(folder.id, current.id);
    }
    const next = rowAt(at + (e.key === 'ArrowDown' ? 1 : -1));
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && current && next)
      selectionStore.set(addRange(picked, folder.id, [current.id, next.id], next.id));
    const pageRows = Math.max(1, Math.floor(viewport.height / ROW_HEIGHT) - 1);
    const go: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + pageRows,
      PageUp: at - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = go[e.key];
    if (target === undefined || total === 0) return;
    e.preventDefault();
    onMove(Math.min(total - 1, Math.max(0, target)));
  };

  const onSelect = (m: MessageRow, index: number, range: boolean) =>
    range ? void selectRangeTo(folder.id, m.id, index) : toggleSelected(folder.id, m.id);

  // Dragging a selected row takes the whole selection along; any other row goes alone.
  const onDragStart = (m: MessageRow, e: DragEvent) => {
    const withSelection = selection && isSelected(selection, folder.id, m.id) ? selection : undefined;
    const count = withSelection ? (withSelection.all ? total - withSelection.ids.size : withSelection.ids.size) : 1;
    startDrag(
      e,
      {
        folderId: folder.id,
        fromSelection: withSelection !== undefined,
        messages: async () => (withSelection ? selectedMessages(db, withSelection) : [m]),
      },
      count > 1 ? t.plural('list.count', count) : undefined,
    );
  };

  const name = folderName(folder, t);
  const showRecipients = folder.distinguished === 'sentitems' || folder.distinguished === 'drafts';

  return (
    <section class="list-pane" aria-labelledby="list-title">
      <header class="list-header">
        <input
          type="checkbox"
          class="select-all"
          aria-label={t.t('select.all')}
          title={`${t.t('select.all')} (*a)`}
          checked={selection?.all === true && selection.ids.size === 0}
          indeterminate={selection !== undefined && !(selection.all && selection.ids.size === 0)}
          disabled={total === 0}
          onChange={() => (selection ? clearSelection() : selectAllIn(folder.id))}
        />
        <h2 id="list-title">{name}</h2>
        <span class="list-count">{t.plural('list.count', total)}</span>
      </header>
      {selection && (
        <SelectionBar selection={selection} inJunk={folder.distinguished === 'junkemail'} onCommand={onCommand} />
      )}
      {total === 0 && <p class="pane-note">{t.t('list.empty')}</p>}
      <div
        ref={scroller}
        class="list-scroller"
        role="listbox"
        tabIndex={0}
        aria-multiselectable="true"
        aria-label={t.t('list.label', { folder: name })}
        aria-activedescendant={selectedIndex !== undefined ? `row-${selectedIndex}` : undefined}
        onKeyDown={onKeyDown}
        onDragEnd={endDrag}
      >
        <div class="list-spacer" style={{ height: `${total * ROW_HEIGHT}px` }}>
          {rows.map((m, i) => {
            const index = page!.start + i;
            return (
              <MessageItem
                key={m.id}
                message={m}
                index={index}
                total={total}
                selected={index === selectedIndex}
                showRecipients={showRecipients}
                now={now}
                t={t}
                top={index * ROW_HEIGHT}
                onOpen={(message, i) => {
                  // A plain click works on that one message, as in Outlook: the selection goes.
                  clearSelection();
                  onOpen(message, i);
                }}
                checked={isSelected(selection, folder.id, m.id)}
                onSelect={onSelect}
                onDragStart={onDragStart}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
