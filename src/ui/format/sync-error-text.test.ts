import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncErrorInfo } from '../../sync/protocol.js';
import { createTranslator, loadLanguage } from '../i18n/translate.js';
import { syncErrorText, worthShowing } from './sync-error-text.js';

const at = new Date(2026, 0, 1, 10, 40, 0).getTime();
const retryAt = new Date(2026, 0, 1, 10, 42, 5).getTime();

describe('syncErrorText', () => {
  beforeAll(() => loadLanguage('fr'));

  it('says what happened, what to do and when Tern tries again, in English', () => {
    const en = createTranslator('en', 'en-GB');
    expect(syncErrorText({ kind: 'unreachable', at, retryAt }, en)).toBe(
      'The server could not be reached. Trying again at 10:42:05.',
    );
    expect(syncErrorText({ kind: 'server', at, code: 'ErrorMailboxStoreUnavailable' }, en)).toBe(
      'The server reported a problem (ErrorMailboxStoreUnavailable).',
    );
    expect(syncErrorText({ kind: 'server', at, code: 'ErrorItemNotFound' }, en)).toBe(
      'The message no longer exists on the server.',
    );
    expect(syncErrorText({ kind: 'storage', at, code: 'quota' }, en)).toMatch(/no room left/);
    expect(syncErrorText({ kind: 'storage', at, code: 'closed' }, en)).toMatch(/Reload the page/);
    expect(syncErrorText({ kind: 'auth', at, code: 'expired' }, en)).toMatch(/^Your session has ended/);
    expect(syncErrorText({ kind: 'bug', at, code: 'boom' }, en)).toBe('Something went wrong in Tern: boom');
  });

  it('speaks French with the same facts', () => {
    const fr = createTranslator('fr', 'fr-FR');
    expect(syncErrorText({ kind: 'unreachable', at, retryAt }, fr)).toBe(
      'Le serveur est injoignable. Nouvel essai à 10:42:05.',
    );
    expect(syncErrorText({ kind: 'unreadable', at, code: 'malformed-xml' }, fr)).toContain('(malformed-xml)');
  });

  it('leaves to the connection label what it already says', () => {
    const kinds: SyncErrorInfo['kind'][] = ['offline', 'paused', 'auth', 'throttled'];
    for (const kind of kinds) expect(worthShowing({ kind, at })).toBe(false);
    for (const kind of ['unreachable', 'server', 'unreadable', 'storage', 'bug'] as const)
      expect(worthShowing({ kind, at })).toBe(true);
    expect(worthShowing(undefined)).toBe(false);
  });
});
