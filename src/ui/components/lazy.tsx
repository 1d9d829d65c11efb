import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { showToast, toasts } from '../actions/toasts.js';
import type { Translator } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { updateReady } from '../register-sw.js';

/**
 * A component whose code is fetched on first render (`import()` → its own chunk), keeping the
 * composer, the diagnostics page and DOMPurify out of the first load. Renders nothing until loaded.
 */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const t = useI18n();
    const [component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (component) return;
      pending ??= load().then((m) => (loaded = m.default));
      let live = true;
      pending.then(
        (c) => live && setComponent(() => c),
        () => {
          // Asked for again next time: the failure may pass (a cache being filled).
          pending = undefined;
          if (live) codeGone(t);
        },
      );
      return () => {
        live = false;
      };
    }, []);
    const Component = component;
    return Component ? <Component {...props} /> : null;
  };
}

/**
 * A part of the app's code could not be fetched. Its files are named by their content, so once
 * another tab has moved to a newer version, those of the version still open here are gone from
 * the cache and the server: say so, and offer the reload that fixes it, rather than show nothing.
 */
export function codeGone(t: Translator): void {
  if (!updateReady.get()) updateReady.set(() => location.reload());
  const text = t.t('update.partGone');
  if (!toasts.get().some((shown) => shown.text === text)) showToast(text, { kind: 'error' });
}
