import { useEffect, useRef, useState } from 'preact/hooks';
import { distinguishedFolder, getMessage, type FolderRow, type MessageRow } from '../db/index.js';
import { archive, junk, moveTo, remove, setRead, toggleCategory, toggleFlag } from './actions/message-actions.js';
import { Icon } from './components/icon.js';
import { lazy } from './components/lazy.js';
import { Toasts } from './components/toasts.js';
import { composeRequest, editDraft, openComposer } from './compose/compose-state.js';
import { connectionOf, mayUseNetwork } from './connection.js';
import { connectionClosed, db } from './db.js';
import { folderName } from './folder-names.js';
import { useStore } from './hooks/store.js';
import { useLiveQuery } from './hooks/use-live-query.js';
import { useMediaQuery } from './hooks/use-media-query.js';
import { useDrawer } from './hooks/use-drawer.js';
import { useI18n } from './i18n/use-i18n.js';
import { createShortcutReader, type ShortcutCommand } from './keyboard.js';
import { draggedMessages, type DraggedMessages } from './multi-select/message-drag.js';
import { selectedMessages } from './multi-select/selected-messages.js';
import {
  clearSelection,
  selectAllIn,
  selectionOf,
  selection as selectionStore,
  toggleSelected,
} from './multi-select/selection-store.js';
import { updateReady } from './register-sw.js';
import { navigate, route as routeStore } from './route.js';
import { conversationStep, cursor, focusReaderOnOpen, indexOf, messageAt } from './selection.js';
import { signInUrl } from './session.js';
import { storeLost } from './store-loss.js';
import { syncStatus } from './sync-client.js';
import { online, openFolder, requestSync } from './sync-triggers.js';
import { AppMenu } from './views/app-menu.js';
import { FolderTree } from './views/folder-tree.js';
import { LocalDrafts } from './views/local-drafts.js';
import { MessageList } from './views/message-list.js';
import type { MessageCommands } from './views/message-toolbar.js';
import { SearchResults } from './views/search-results.js';
import { StatusBar } from './views/status-bar.js';

const Composer = lazy(() => import('./views/composer.js'));
// The first screen is the list; the reading pane's code comes with the first message opened.
const Reader = lazy(() => import('./views/reader.js'));
const Diagnostics = lazy(() => import('./views/diagnostics.js'));
const StoreLostBanner = lazy(() => import('./views/store-lost-banner.js'));
const OutboxView = lazy(() => import('./views/outbox-view.js'));
// Dialogs open on demand; their code need not be in the first load.
const MovePicker = lazy(() => import('./views/move-picker.js'));
const CategoryPicker = lazy(() => import('./views/category-picker.js'));
const SettingsDialog = lazy(() => import('./views/settings-dialog.js'));
const AutomaticRepliesDialog = lazy(() => import('./views/automatic-replies-dialog.js'));
const AutoRepliesBanner = lazy(() => import('./views/auto-replies-banner.js'));
const ShortcutsHelp = lazy(() => import('./views/shortcuts-help.js'));

type Dialog =
  | { kind: 'move'; messages: MessageRow[]; fromSelection: boolean }
  | { kind: 'categorize'; messages: MessageRow[] }
  | { kind: 'help' }
  | { kind: 'settings' }
  | { kind: 'auto-replies' }
  | undefined;

/** The mail client: three panes (one at a time below 720 px), the status bar, dialogs and keys. */
export function App() {
  const t = useI18n();
  const route = useStore(routeStore);
  const narrow = useMediaQuery('(max-width: 719px)');
  // Between a phone and a wide screen the folders give their room to the message, and come back
  // over the list from the menu button.
  const foldersAside = useMediaQuery('(max-width: 1099px)');
  const isOnline = useStore(online);
  const status = useStore(syncStatus);
  const update = useStore(updateReady);
  const closed = useStore(connectionClosed);
  const lost = useStore(storeLost);
  const compose = useStore(composeRequest);
  const current = useStore(cursor);
  const [query, setQuery] = useState('');
  // Enter in the search field asks the server too; a new object each time, none once the query changes.
  const [searchEnter, setSearchEnter] = useState<object>();
  const {
    open: foldersOpen,
    setOpen: setFoldersOpen,
    button: foldersButton,
    pane: foldersPane,
    spring: foldersSpring,
    springing: foldersSpringing,
  } = useDrawer({ springsFor: (e) => draggedMessages(e) !== undefined });
  const [dialog, setDialog] = useState<Dialog>(undefined);
  // Bumped when the automatic replies dialog closes: the banner asks the server again.
  const [oofCheck, setOofCheck] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const main = useRef<HTMLElement>(null);

  const inbox = useLiveQuery(() => distinguishedFolder(db, 'inbox'), []);
  const folderId = route.view === 'mail' ? (route.folderId ?? inbox?.id) : undefined;
  const folder = useLiveQuery(async () => (folderId ? await db.folders.get(folderId) : undefined), [folderId]);
  const messageId = route.view === 'mail' ? route.messageId : undefined;
  const connection = connectionOf(status, isOnline);

  useEffect(() => {
    document.documentElement.lang = t.language;
  }, [t.language]);

  // The open folder is synced first on polls; the worker also records it as recently used.
  useEffect(() => {
    if (!folderId) return;
    openFolder.set(folderId);
    requestSync('open-folder');
  }, [folderId]);

  // A selection belongs to the folder it was made in; opening another starts with none.
  useEffect(() => clearSelection(), [folderId]);

  // Opened by address (reload, link): find where the message sits so j/k continue from there.
  useEffect(() => {
    if (!messageId || !folderId) return;
    const c = cursor.get();
    if (c?.id === messageId && c.folderId === folderId) return;
    void getMessage(db, messageId).then(async (m) => {
      if (m && m.folderId === folderId) cursor.set({ folderId, index: await indexOf(m), id: m.id });
    });
  }, [messageId, folderId]);

  // The installed app's badge shows the Inbox's unread count, where the platform has one.
  useEffect(() => {
    const n = inbox?.unread ?? 0;
    if (!('setAppBadge' in navigator)) return;
    void (n > 0 ? navigator.setAppBadge(n) : navigator.clearAppBadge()).catch(() => undefined);
  }, [inbox?.unread]);

  // After each pass, a window in the background tells of new mail and one on screen clears what
  // it told (src/ui/new-mail.ts, loaded on first use).
  const lastSynced = status?.lastSynced;
  useEffect(() => {
    if (lastSynced) void import('./new-mail.js').then((m) => m.afterPass(db)).catch(() => undefined);
  }, [lastSynced]);

  // The tab names the folder shown and its unread count, so a tab in the background tells of new mail.
  const unread = folder?.unread ?? 0;
  const title = folder ? folderName(folder, t) : undefined;
  useEffect(() => {
    document.title = title ? `${title}${unread ? ` (${unread})` : ''} – ${t.t('app.name')}` : t.t('app.name');
  }, [title, unread]);

  const openMessage = (m: MessageRow, index?: number) => {
    focusReaderOnOpen.pending = true;
    if (index !== undefined && m.folderId === folderId) cursor.set({ folderId: m.folderId, index, id: m.id });
    navigate({ view: 'mail', folderId: m.folderId, messageId: m.id });
  };

  const closeReader = () => {
    if (folderId) navigate({ view: 'mail', folderId });
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.list-scroller')?.focus());
  };

  // Keys come faster than the store answers: j pressed twice in a row moves two rows, so the
  // next move starts from where the last one is going, not from where the cursor was drawn.
  const aim = useRef<{ folderId: string; index: number } | undefined>(undefined);
  const cursorIndex = () => {
    if (aim.current && aim.current.folderId === folderId) return aim.current.index;
    const c = cursor.get();
    return c && c.folderId === folderId ? c.index : -1;
  };

  const moveCursor = async (index: number, open: boolean) => {
    if (!folderId) return;
    const mine = (aim.current = { folderId, index });
    const m = await messageAt(folderId, index);
    if (aim.current !== mine) return; // a later key took over
    aim.current = undefined;
    if (!m) return;
    cursor.set({ folderId, index, id: m.id });
    if (open) navigate({ view: 'mail', folderId, messageId: m.id }, { replace: messageId !== undefined });
  };

  /**
   * After messages leave the list: a selection they were is done with. When the open message was
   * the only one, show the one that took its place (wide) or the list; among several, the list.
   */
  const afterRemoval = async (gone: MessageRow[], fromSelection: boolean) => {
    if (fromSelection) clearSelection();
    const c = cursor.get();
    const m = gone.find((x) => x.id === messageId);
    if (!m || !folderId) return;
    const next = !narrow && gone.length === 1 && c?.id === m.id ? await messageAt(folderId, c.index) : undefined;
    if (next) {
      cursor.set({ folderId, index: c!.index, id: next.id });
      navigate({ view: 'mail', folderId, messageId: next.id }, { replace: true });
    } else closeReader();
  };

  /** What the toolbars and shortcuts do, to one message or to a whole selection (one intent). */
  const act = {
    archive: (ms: MessageRow[], fromSelection = false) =>
      void archive(ms, t).then((ok) => ok && void afterRemoval(ms, fromSelection)),
    remove: (ms: MessageRow[], fromSelection = false) =>
      void remove(ms, t).then((ok) => ok && void afterRemoval(ms, fromSelection)),
    junk: (ms: MessageRow[], fromSelection = false) =>
      void junk(ms, t).then((ok) => ok && void afterRemoval(ms, fromSelection)),
    move: (ms: MessageRow[], fromSelection = false) => setDialog({ kind: 'move', messages: ms, fromSelection }),
    categorize: (ms: MessageRow[]) => setDialog({ kind: 'categorize', messages: ms }),
    setRead: (ms: MessageRow[], isRead: boolean) => void setRead(ms, isRead, t),
    toggleFlag: (ms: MessageRow[]) => void toggleFlag(ms, t),
  };

  const commands: MessageCommands = {
    reply: (m, mode) => openComposer(mode, m.id),
    editDraft: (m) => editDraft(m.id),
    archive: (m) => act.archive([m]),
    remove: (m) => act.remove([m]),
    junk: (m) => act.junk([m]),
    move: (m) => act.move([m]),
    categorize: (m) => act.categorize([m]),
    showCategory: (name) => {
      setQuery(`category:"${name}"`);
      setSearchEnter(undefined);
      // One pane at a time: on to the results.
      if (narrow) closeReader();
    },
    setRead: (m, isRead) => act.setRead([m], isRead),
    toggleFlag: (m) => act.toggleFlag([m]),
  };

  const target = async (): Promise<MessageRow | undefined> => {
    const id = messageId ?? cursor.get()?.id;
    return id ? getMessage(db, id) : undefined;
  };

  /** Messages dropped on a folder in the folder pane: a move, like Move to… */
  const onDrop = async (dragged: DraggedMessages, to: FolderRow) => {
    const ms = await dragged.messages();
    if (ms.length && (await moveTo(ms, to, t))) void afterRemoval(ms, dragged.fromSelection);
  };

  // The selection is for the folder list; search results and other views act on one message.
  const listSelection = () => (query.trim() ? undefined : selectionOf(folderId));

  // Search results, as last shown: j, k and Enter move through them, as through a folder.
  const searchRows = useRef<MessageRow[]>([]);
  const moveInResults = (command: 'next' | 'previous' | 'open') => {
    const rows = searchRows.current;
    const at = rows.findIndex((m) => m.id === messageId);
    const to = command === 'next' ? at + 1 : command === 'previous' ? at - 1 : at;
    const m = rows[Math.min(rows.length - 1, Math.max(0, to))];
    if (!m) return;
    if (command === 'open') focusReaderOnOpen.pending = true;
    navigate({ view: 'mail', folderId: m.folderId, messageId: m.id }, { replace: messageId !== undefined });
  };

  const run = async (command: ShortcutCommand) => {
    if (query.trim() && (command === 'next' || command === 'previous' || command === 'open'))
      return moveInResults(command);
    const at = cursorIndex();
    switch (command) {
      case 'next':
        return moveCursor(at + 1, !narrow || messageId !== undefined);
      case 'previous':
        return moveCursor(Math.max(0, at - 1), !narrow || messageId !== undefined);
      case 'open':
        focusReaderOnOpen.pending = at >= 0;
        return at >= 0 ? moveCursor(at, true) : undefined;
      case 'back':
        return closeReader();
      case 'compose':
        return openComposer('new');
      case 'search':
        return search.current?.focus();
      case 'help':
        return setDialog({ kind: 'help' });
      case 'newer':
        return conversationStep.to?.(1);
      case 'older':
        return conversationStep.to?.(-1);
      case 'selectAll':
        return folderId && !query.trim() ? selectAllIn(folderId) : undefined;
      case 'selectNone':
      case 'clearSelection':
        return clearSelection();
      case 'toggleSelect': {
        const c = cursor.get();
        return c && c.folderId === folderId && !query.trim() ? toggleSelected(c.folderId, c.id) : undefined;
      }
    }
    const selected = listSelection();
    if (selected) {
      const ms = await selectedMessages(db, selected);
      if (!ms.length) return clearSelection();
      switch (command) {
        case 'read':
          return act.setRead(ms, true);
        case 'unread':
          return act.setRead(ms, false);
        case 'flag':
          return act.toggleFlag(ms);
        case 'archive':
          return act.archive(ms, true);
        case 'delete':
          return act.remove(ms, true);
        case 'junk':
          return act.junk(ms, true);
        case 'move':
          return act.move(ms, true);
        case 'categorize':
          return act.categorize(ms);
      }
    }
    const m = await target();
    if (!m) return;
    switch (command) {
      case 'read':
        return commands.setRead(m, true);
      case 'unread':
        return commands.setRead(m, false);
      case 'flag':
        return commands.toggleFlag(m);
      case 'archive':
        return commands.archive(m);
      case 'delete':
        return commands.remove(m);
      case 'junk':
        return commands.junk(m);
      case 'move':
        return commands.move(m);
      case 'categorize':
        return commands.categorize(m);
      case 'reply':
        return commands.reply(m, 'reply');
      case 'replyAll':
        return commands.reply(m, 'reply-all');
      case 'forward':
        return commands.reply(m, 'forward');
    }
  };

  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const read = createShortcutReader();
    const onKey = (e: KeyboardEvent) => {
      const command = read(e);
      if (!command || (route.view !== 'mail' && !['compose', 'search', 'help'].includes(command))) return;
      // Esc with nothing selected is not ours to take.
      if (command === 'clearSelection' && !selectionStore.get()) return;
      e.preventDefault();
      void runRef.current(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [route.view]);

  // The panes the screen has room for (styles.css lays out each case): one on a phone; the list
  // and the message, or the folders and the message, in between; all three on a wide screen.
  let show: 'folders' | 'reader' | 'list' | 'messages' | 'all' = 'all';
  if (narrow) show = foldersOpen ? 'folders' : messageId ? 'reader' : 'list';
  else if (foldersAside && !foldersOpen) show = 'messages';

  let content;
  if (route.view === 'outbox') content = <OutboxView />;
  else if (route.view === 'diagnostics') content = <Diagnostics />;
  else {
    const list = query.trim() ? (
      <SearchResults
        query={query}
        enter={searchEnter}
        mayAsk={mayUseNetwork(connection)}
        onRows={(rows) => (searchRows.current = rows)}
        selectedId={messageId}
        onOpen={(m) => openMessage(m)}
      />
    ) : folder ? (
      <MessageList
        folder={folder}
        selectedIndex={current?.folderId === folder.id ? current.index : undefined}
        onOpen={openMessage}
        onMove={(i) => void moveCursor(i, !narrow)}
        onCommand={(c) => void run(c)}
      />
    ) : (
      <section class="list-pane">
        <p class="pane-note">{t.t('app.loading')}</p>
      </section>
    );
    content = (
      <>
        {list}
        {messageId ? (
          <Reader messageId={messageId} commands={commands} onBack={closeReader} />
        ) : (
          <section class="reader-pane empty">
            <p class="pane-note">{t.t('reader.empty')}</p>
          </section>
        )}
      </>
    );
  }

  return (
    <div class="app" data-show={show} data-view={route.view}>
      <a class="skip-link" href="#main">
        {t.t('app.skip')}
      </a>
      <header class="topbar">
        {foldersAside && (
          <button
            type="button"
            ref={foldersButton}
            class="icon-button"
            aria-expanded={foldersOpen}
            aria-label={t.t('nav.folders')}
            data-springing={foldersSpringing || undefined}
            onClick={() => setFoldersOpen(!foldersOpen)}
            {...foldersSpring}
          >
            <Icon name="menu" />
          </button>
        )}
        <a class="brand" href="#/mail">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>{t.t('app.name')}</span>
        </a>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            if (!query.trim()) return;
            setSearchEnter({});
            // On to the results, where j, k and Enter move and open, as in a folder.
            document.querySelector<HTMLElement>('.search-pane .list-scroller')?.focus();
          }}
        >
          <Icon name="search" />
          <input
            ref={search}
            type="search"
            aria-label={t.t('search.label')}
            placeholder={t.t('search.placeholder')}
            title={`${t.t('action.search')} (/)`}
            value={query}
            onInput={(e) => {
              setQuery((e.target as HTMLInputElement).value);
              setSearchEnter(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setQuery('');
                setSearchEnter(undefined);
                (e.target as HTMLInputElement).blur();
              }
            }}
          />
        </form>
        <button
          type="button"
          class="primary compose-button"
          title={`${t.t('action.compose')} (c)`}
          onClick={() => openComposer('new')}
        >
          <Icon name="compose" />
          <span>{t.t('action.compose')}</span>
        </button>
        <AppMenu
          onSettings={() => setDialog({ kind: 'settings' })}
          onAutoReplies={() => setDialog({ kind: 'auto-replies' })}
          onShortcuts={() => setDialog({ kind: 'help' })}
        />
      </header>
      <div class="banners">
        {connection.kind === 'signin-needed' && (
          <div class="banner warning" role="alert">
            {t.t('status.signinBanner')} <a href={signInUrl()}>{t.t('status.signIn')}</a>
          </div>
        )}
        {lost && <StoreLostBanner />}
        <AutoRepliesBanner check={oofCheck} onChange={() => setDialog({ kind: 'auto-replies' })} />
        {closed === 'gone' && (
          <div class="banner warning" role="alert">
            {t.t('store.gone')}{' '}
            <button type="button" onClick={() => location.reload()}>
              {t.t('update.reload')}
            </button>
          </div>
        )}
        {(update || closed === 'upgraded') && (
          <div class="banner" role="status">
            {t.t('update.ready')}{' '}
            <button type="button" onClick={() => (update ? update() : location.reload())}>
              {t.t('update.reload')}
            </button>
          </div>
        )}
      </div>
      <div class="panes">
        <nav ref={foldersPane} class="folder-pane" aria-label={t.t('nav.folders')}>
          <FolderTree
            selectedId={folderId}
            onNavigate={() => setFoldersOpen(false)}
            onDropMessages={(dragged, to) => void onDrop(dragged, to)}
          />
          <LocalDrafts />
        </nav>
        <main id="main" ref={main} class="main-pane" tabIndex={-1}>
          {content}
        </main>
      </div>
      <StatusBar />
      <Toasts />
      {dialog?.kind === 'move' && (
        <MovePicker
          excludeId={dialog.messages[0]?.folderId}
          onClose={() => setDialog(undefined)}
          onPick={(f: FolderRow) => {
            const { messages: ms, fromSelection } = dialog;
            setDialog(undefined);
            void moveTo(ms, f, t).then((ok) => ok && void afterRemoval(ms, fromSelection));
          }}
        />
      )}
      {dialog?.kind === 'categorize' && (
        <CategoryPicker
          messages={dialog.messages}
          onClose={() => setDialog(undefined)}
          onPick={(category: string) => {
            setDialog(undefined);
            void toggleCategory(dialog.messages, category, t);
          }}
        />
      )}
      {dialog?.kind === 'help' && <ShortcutsHelp onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'settings' && <SettingsDialog onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'auto-replies' && (
        <AutomaticRepliesDialog
          onClose={() => {
            setDialog(undefined);
            setOofCheck((n) => n + 1);
          }}
        />
      )}
      {compose && <Composer request={compose} onClose={() => composeRequest.set(undefined)} />}
    </div>
  );
}
