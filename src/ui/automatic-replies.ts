import { htmlToText } from './compose/html-to-text.js';

/** Where the Tern server reads and sets them (src/server/automatic-replies.ts). */
const PATH = '/api/automatic-replies';

/** Exchange's automatic replies as the server's route carries them (the EWS UserOofSettings). */
export interface AutoReplies {
  oofState: 'Disabled' | 'Enabled' | 'Scheduled';
  externalAudience: 'None' | 'Known' | 'All';
  duration?: { startTime: string; endTime: string };
  internalReply?: string;
  externalReply?: string;
}

/** What the dialog edits: text, not HTML; times as `<input type="datetime-local">` has them. */
export interface AutoRepliesForm {
  on: boolean;
  scheduled: boolean;
  start: string;
  end: string;
  internal: string;
  outside: boolean;
  external: string;
  /** As the server had it: "Known" (senders in the contacts, set in Outlook) is kept when outside stays ticked. */
  audience: AutoReplies['externalAudience'];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local value, in this device's time zone. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Outlook writes the replies as HTML; they are edited here as the text they show.
const textOf = (reply: string | undefined) => (reply && /^\s*</.test(reply) ? htmlToText(reply) : (reply ?? ''));

/** The form for stored settings; with no schedule yet, one from the next hour for a week. */
export function formOf(s: AutoReplies, now: number): AutoRepliesForm {
  const hour = Math.ceil(now / 3_600_000) * 3_600_000;
  const start = s.duration ? Date.parse(s.duration.startTime) : hour;
  const end = s.duration ? Date.parse(s.duration.endTime) : hour + 7 * 86_400_000;
  return {
    on: s.oofState !== 'Disabled',
    scheduled: s.oofState === 'Scheduled',
    start: localInput(start),
    end: localInput(end),
    internal: textOf(s.internalReply),
    outside: s.externalAudience !== 'None',
    external: textOf(s.externalReply),
    audience: s.externalAudience,
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Text as the HTML Exchange sends (it reads a reply as HTML): lines kept, nothing else. */
export function replyHtml(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `<html><body>${escape(trimmed).replace(/\r?\n/g, '<br>')}</body></html>` : '';
}

/** The settings to send for a form, or 'bad-time' when a schedule ends before it starts. */
export function settingsOf(f: AutoRepliesForm): AutoReplies | 'bad-time' {
  const start = Date.parse(f.start);
  const end = Date.parse(f.end);
  const timed = !Number.isNaN(start) && !Number.isNaN(end);
  if (f.on && f.scheduled && (!timed || end <= start)) return 'bad-time';
  return {
    oofState: !f.on ? 'Disabled' : f.scheduled ? 'Scheduled' : 'Enabled',
    externalAudience: !f.outside ? 'None' : f.audience === 'Known' ? 'Known' : 'All',
    // Kept even when off or not scheduled, as Outlook keeps it, when it makes sense.
    ...(timed &&
      end > start && { duration: { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString() } }),
    internalReply: replyHtml(f.internal),
    externalReply: replyHtml(f.external),
  };
}

/** On now, or scheduled and not over yet: what the app's banner reminds of. */
export function worthSaying(s: AutoReplies, now: number): boolean {
  if (s.oofState === 'Enabled') return true;
  return s.oofState === 'Scheduled' && !!s.duration && Date.parse(s.duration.endTime) > now;
}

/** What the server said, for the dialog: the settings, or why there are none (its own sentence). */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

async function ask<T>(init?: RequestInit): Promise<Answer<T>> {
  try {
    const res = await fetch(PATH, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (!res.ok) return { ok: false, error: (await res.text()).trim() || `HTTP ${res.status}` };
    return { ok: true, value: (await res.json()) as T };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export const readAutoReplies = () => ask<{ settings: AutoReplies; allowExternal: AutoReplies['externalAudience'] }>();

export const saveAutoReplies = (settings: AutoReplies) =>
  ask<{ settings: AutoReplies }>({ method: 'PUT', body: JSON.stringify({ settings }) });
