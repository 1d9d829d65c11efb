import { useEffect, useRef, useState } from 'preact/hooks';
import { pendingCount } from '../../db/index.js';
import { showToast } from '../actions/toasts.js';
import { Icon } from '../components/icon.js';
import { db } from '../db.js';
import { useI18n } from '../i18n/use-i18n.js';
import { navigate } from '../route.js';
import { signOut, storedAccount } from '../session.js';
import { online } from '../sync-triggers.js';

export interface AppMenuProps {
  onSettings(): void;
  onAutoReplies(): void;
  onShortcuts(): void;
}

/** The account menu: settings, automatic replies, the outbox, diagnostics, shortcuts and sign-out. */
export function AppMenu({ onSettings, onAutoReplies, onShortcuts }: AppMenuProps) {
  const t = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const account = storedAccount();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const away = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const choose = (run: () => void) => () => {
    setOpen(false);
    run();
  };

  const doSignOut = async () => {
    const pending = await pendingCount(db);
    if (pending > 0 && !confirm(t.plural('menu.signOutConfirm', pending))) return;
    if (!online.get()) return showToast(t.t('menu.signOutOffline'), { kind: 'error' });
    try {
      await signOut();
    } catch (err) {
      showToast(t.t('toast.failed', { error: err instanceof Error ? err.message : String(err) }), { kind: 'error' });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      root.current?.querySelector<HTMLElement>('.menu-button')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div class="app-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        type="button"
        class="icon-button menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t.t('nav.menu')}
        title={t.t('nav.menu')}
        onClick={() => setOpen(!open)}
      >
        <Icon name="settings" />
      </button>
      {open && (
        <div class="menu" role="menu" aria-label={t.t('nav.menu')}>
          {account && <p class="menu-account">{t.t('menu.signedInAs', { user: account })}</p>}
          <button type="button" role="menuitem" onClick={choose(onSettings)}>
            {t.t('menu.settings')}
          </button>
          <button type="button" role="menuitem" onClick={choose(onAutoReplies)}>
            {t.t('menu.autoReplies')}
          </button>
          <button type="button" role="menuitem" onClick={choose(() => navigate({ view: 'outbox' }))}>
            {t.t('menu.outbox')}
          </button>
          <button type="button" role="menuitem" onClick={choose(() => navigate({ view: 'diagnostics' }))}>
            {t.t('menu.diagnostics')}
          </button>
          <button type="button" role="menuitem" onClick={choose(onShortcuts)}>
            {t.t('action.shortcuts')}
          </button>
          <button type="button" role="menuitem" class="danger" onClick={choose(() => void doSignOut())}>
            {t.t('menu.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
