import { createStore } from './hooks/store.js';

/**
 * Where the user is, kept in the URL's hash so every state has an address (back and forward work,
 * a reload keeps the open message) and the server only ever serves `/`.
 */
export type Route =
  { view: 'mail'; folderId?: string; messageId?: string } | { view: 'outbox' } | { view: 'diagnostics' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '');
  const decode = (p: string | undefined) => {
    if (p === undefined) return undefined;
    try {
      return decodeURIComponent(p);
    } catch {
      return undefined;
    }
  };
  if (parts[0] === 'outbox') return { view: 'outbox' };
  if (parts[0] === 'diagnostics') return { view: 'diagnostics' };
  if (parts[0] === 'mail') {
    const folderId = decode(parts[1]);
    const messageId = folderId === undefined ? undefined : decode(parts[2]);
    return { view: 'mail', ...(folderId !== undefined && { folderId }), ...(messageId !== undefined && { messageId }) };
  }
  return { view: 'mail' };
}

export function formatRoute(route: Route): string {
  if (route.view !== 'mail') return `#/${route.view}`;
  if (route.folderId === undefined) return '#/mail';
  const folder = `#/mail/${encodeURIComponent(route.folderId)}`;
  return route.messageId === undefined ? folder : `${folder}/${encodeURIComponent(route.messageId)}`;
}

export const route = createStore<Route>(typeof location === 'undefined' ? { view: 'mail' } : parseRoute(location.hash));

/** Goes to `next`; `replace` for moves that should not pile up in history (j/k through a list). */
export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  const hash = formatRoute(next);
  if (hash !== location.hash) {
    if (options.replace) history.replaceState(history.state, '', hash);
    else history.pushState(history.state, '', hash);
  }
  route.set(parseRoute(hash));
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => route.set(parseRoute(location.hash)));
  window.addEventListener('hashchange', () => route.set(parseRoute(location.hash)));
}
