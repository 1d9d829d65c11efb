const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * The date column of a message list, as Outlook and Gmail show it: the time for today ("10:42"), the
 * weekday within the last week ("Tue"), day and month this year ("12 Mar"), the full date before
 * ("12/03/2024"). Calendar days in the user's time zone, not 24-hour spans.
 */
export function formatListDate(ms: number, now: number, locale: string): string {
  const today = startOfDay(now);
  const day = startOfDay(ms);
  if (day === today) return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
  // Six days back, so "Tue" never means both this week's and last week's Tuesday.
  if (day < today && today - day < 6.5 * DAY_MS) {
    return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(ms);
  }
  if (new Date(ms).getFullYear() === new Date(now).getFullYear()) {
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(ms);
  }
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(ms);
}

/** The reader's header date: weekday, full date and time ("Tue 12 Mar 2024, 10:42"). */
export function formatFullDate(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

/** A clock time with seconds, for "Server busy: waiting until 10:42:05". */
export function formatClock(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

export type Ago = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

/** How long ago, in the coarsest unit that fits ("2 min ago", "3 hours ago"). */
export function agoParts(ms: number, now: number): Ago {
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}
