import type { Language } from './i18n/translate.js';
import { createStore } from './hooks/store.js';

/** What the user can change in the settings menu; kept in localStorage (never credentials). */
export interface Settings {
  language: Language | 'auto';
  /** How often an open page asks for a pass (s). */
  pollSeconds: number;
  /** Mark a message read after it has been open this long (ms); null: never automatically. */
  markReadAfterMs: number | null;
  /** How long a sent message can be taken back before it goes (s); 0: it goes at once. */
  undoSendSeconds: (typeof UNDO_SEND_CHOICES)[number];
}

/** Gmail's choices for Undo send, and none. */
export const UNDO_SEND_CHOICES = [0, 5, 10, 20, 30] as const;

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  pollSeconds: 60,
  markReadAfterMs: 1000,
  undoSendSeconds: 10,
};

const KEY = 'tern.settings';
// Bounds keep a typo from hammering the server (1 s polls) or never syncing (a day).
const POLL_MIN_S = 2;
const POLL_MAX_S = 3600;

/** Reads stored settings, keeping only valid values (a hand-edited or older entry never breaks the app). */
export function parseSettings(raw: string | null): Settings {
  let stored: Partial<Record<keyof Settings, unknown>> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') stored = parsed;
  } catch {
    // A broken entry means defaults.
  }
  const s = { ...DEFAULT_SETTINGS };
  if (stored.language === 'en' || stored.language === 'fr' || stored.language === 'auto') s.language = stored.language;
  if (typeof stored.pollSeconds === 'number' && Number.isFinite(stored.pollSeconds))
    s.pollSeconds = Math.min(POLL_MAX_S, Math.max(POLL_MIN_S, Math.round(stored.pollSeconds)));
  if (stored.markReadAfterMs === null) s.markReadAfterMs = null;
  else if (typeof stored.markReadAfterMs === 'number' && stored.markReadAfterMs >= 0)
    s.markReadAfterMs = Math.min(60_000, stored.markReadAfterMs);
  const undo = UNDO_SEND_CHOICES.find((c) => c === stored.undoSendSeconds);
  if (undo !== undefined) s.undoSendSeconds = undo;
  return s;
}

function load(): Settings {
  try {
    return parseSettings(localStorage.getItem(KEY));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export const settings = createStore<Settings>(load());

export function saveSettings(change: Partial<Settings>): void {
  const next = parseSettings(JSON.stringify({ ...settings.get(), ...change }));
  settings.set(next);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: the setting holds for this session.
  }
}

// Another tab changed a setting: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) settings.set(parseSettings(e.newValue));
  });
}
