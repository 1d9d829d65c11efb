import type { OutboxEntry } from '../../db/index.js';
import type { ConnectionState } from '../../sync/protocol.js';
import { formatClock } from '../format/relative-date.js';
import type { Language, Translator } from '../i18n/translate.js';

// The words for where an entry stands, English and French, beside the view until they join the
// app's catalogues in src/ui/i18n (the kinds of change already live there).
const WORDS = {
  en: {
    waitingNetwork: 'Waiting for the network',
    waitingPaused: 'Working offline: sent when you resume',
    waitingServer: 'Waiting for the server to answer',
    waitingSignIn: 'Waiting for you to sign in again',
    waitingThrottled: 'The server asked to wait until {time}',
    waiting: 'Waiting to be sent',
    sending: 'Sending…',
    retryAt: 'Will try again at {time}',
    parked: 'Needs your attention',
    attention: 'Needs your attention',
    dismissAll: 'Clear',
    summaryWaiting: '{count} waiting',
    summaryParked: '{count} stopped',
    retryAll: 'Retry all',
    confirmDiscardSend: 'Discard this message? It will not be sent.',
  },
  fr: {
    waitingNetwork: 'En attente du réseau',
    waitingPaused: 'Hors ligne : envoyé à la reprise',
    waitingServer: 'En attente de réponse du serveur',
    waitingSignIn: 'En attente de reconnexion',
    waitingThrottled: 'Le serveur demande d’attendre jusqu’à {time}',
    waiting: 'En attente d’envoi',
    sending: 'Envoi…',
    retryAt: 'Nouvel essai à {time}',
    parked: 'À vérifier',
    attention: 'À vérifier',
    dismissAll: 'Tout masquer',
    summaryWaiting: '{count} en attente',
    summaryParked: '{count} arrêté(s)',
    retryAll: 'Tout réessayer',
    confirmDiscardSend: 'Abandonner ce message ? Il ne sera pas envoyé.',
  },
} satisfies Record<Language, Record<string, string>>;

export type OutboxWord = keyof (typeof WORDS)['en'];

/** One of the Outbox view's words in the user's language, with `{name}` filled in. */
export function word(t: Translator, key: OutboxWord, params: Record<string, string | number> = {}): string {
  const text = (WORDS[t.language] ?? WORDS.en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/**
 * Where an entry stands, in words: waiting (and for what), sending, to be tried again at a
 * time, or stopped until the user decides. The reason itself (the server's refusal, what a
 * waiting entry needs) is shown apart, from `entry.error` (format/outbox-reason-text.ts).
 */
export function stateWords(entry: OutboxEntry, connection: ConnectionState, t: Translator): string {
  switch (entry.state) {
    case 'sending':
      return word(t, 'sending');
    case 'parked':
      return word(t, 'parked');
    case 'failed':
      return entry.notBefore
        ? word(t, 'retryAt', { time: formatClock(entry.notBefore, t.locale) })
        : word(t, 'waiting');
    case 'pending':
      switch (connection.kind) {
        case 'offline':
          return word(t, 'waitingNetwork');
        case 'paused':
          return word(t, 'waitingPaused');
        case 'unreachable':
          return word(t, 'waitingServer');
        case 'signin-needed':
          return word(t, 'waitingSignIn');
        case 'throttled':
          return word(t, 'waitingThrottled', { time: formatClock(connection.until, t.locale) });
        case 'online':
          return word(t, 'waiting');
      }
  }
}
