import type { MailDB } from '../db/index.js';
import type { Call } from './client.js';
import type { Clock } from './clock.js';
import type { SyncPhase } from './protocol.js';
import type { SyncSettings } from './settings.js';

/** Progress of a pass, counted in messages (not folders), for the status line. */
export interface Progress {
  phase(phase: SyncPhase, folder?: string): void;
  /** More messages to process than known so far. */
  expect(messages: number): void;
  done(messages: number): void;
}

/** What every step of a pass works with. */
export interface SyncContext {
  db: MailDB;
  call: Call;
  clock: Clock;
  settings: SyncSettings;
  progress: Progress;
}

export const silentProgress: Progress = { phase() {}, expect() {}, done() {} };
