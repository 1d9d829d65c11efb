import { render } from 'preact';
import { App } from './app.js';
import { registerServiceWorker } from './register-sw.js';
import { checkSession, claimStore, signInUrl } from './session.js';
import { listenToWorker } from './sync-client.js';
import { startSyncTriggers } from './sync-triggers.js';
import './styles.css';

/**
 * Start-up: the mailbox renders from the local store at once (offline included), while the
 * session is checked; signed out sends the browser to the server's sign-in page. Syncing starts
 * once we know the store belongs to the signed-in account.
 */
async function start(): Promise<void> {
  registerServiceWorker();
  listenToWorker();
  render(<App />, document.getElementById('app')!);
  const session = await checkSession();
  if (session.kind === 'signed-out') {
    location.assign(signInUrl());
    return;
  }
  // Another account's mail was on this device: it is gone now; start clean.
  if (session.kind === 'signed-in' && (await claimStore(session.user))) {
    location.reload();
    return;
  }
  startSyncTriggers();
}

void start();
