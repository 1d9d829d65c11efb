import { render } from 'preact';
import { App } from './app.js';
import { WORK_OFFLINE } from '../db/index.js';
import { db } from './db.js';
import { sweepFilesAsOutboxShrinks } from './file-sweep.js';
import { loadLanguage } from './i18n/translate.js';
import { keepStoreWhenInstalled } from './keep-store.js';
import { currentLanguage } from './i18n/use-i18n.js';
import { registerServiceWorker } from './register-sw.js';
import { checkSession, claimStore, signInUrl } from './session.js';
import { checkStoreKept, storeLost } from './store-loss.js';
import { listenToWorker } from './sync-client.js';
import { startSyncTriggers } from './sync-triggers.js';
import './styles.css';

/**
 * Start-up: the mailbox renders from the local store at once (offline included), while the
 * session is checked; signed out sends the browser to the server's sign-in page. Syncing starts
 * once we know the store belongs to the signed-in account.
 */
async function start(): Promise<void> {
  // Open the store now, while the first render is being prepared, not on the first query.
  void db.open().catch(() => undefined);
  void registerServiceWorker().catch((err: unknown) => console.error('Service worker registration failed', err));
  listenToWorker();
  // The user's language before the first paint (English is built in; others are a small chunk).
  await loadLanguage(currentLanguage()).catch(() => undefined);
  document.documentElement.lang = currentLanguage();
  // Just signed in (the sign-in form's redirect says so): the mail here may be another account's,
  // so nothing shows until the server has said whose session this is.
  const justSignedIn = new URLSearchParams(location.search).has('signed-in');
  if (justSignedIn) history.replaceState(history.state, '', location.pathname + location.hash);
  const show = () => render(<App />, document.getElementById('app')!);
  if (!justSignedIn) show();
  // "Work offline" stops the page's requests too: the mail shows from the store as it is.
  const paused = (await db.meta.get(WORK_OFFLINE).catch(() => undefined))?.value === true;
  const session = paused && !justSignedIn ? ({ kind: 'unknown' } as const) : await checkSession();
  if (session.kind === 'signed-out') {
    location.assign(signInUrl());
    return;
  }
  // Another account's mail was on this device: it is gone now; start clean.
  if (session.kind === 'signed-in' && (await claimStore(session.user))) {
    location.reload();
    return;
  }
  if (justSignedIn) show();
  // A store the browser deleted (and what it had not sent) is told of; nothing waits for the check.
  void checkStoreKept(db).then(
    (lost) => storeLost.set(lost),
    () => undefined,
  );
  // The first screen comes from the local store; the worker's writes (strict durability, so each
  // one waits for the disk) would hold up its reads, so syncing starts once the page has painted.
  afterFirstPaint(startSyncTriggers);
  // Files of sent mail and old message text are cleaned up once the first screen is up, not in its way.
  afterFirstPaint(sweepFilesAsOutboxShrinks);
  afterFirstPaint(() => void import('./body-sweep.js').then((m) => m.sweepBodiesDaily()));
  afterFirstPaint(() => void keepStoreWhenInstalled().catch(() => undefined));
}

function afterFirstPaint(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run, 0));
}

void start();
