import { META, type MailDB, type Throttle } from '../db/index.js';
import type { SyncSettings } from './settings.js';

type Limits = Pick<SyncSettings, 'backoffMinMs' | 'backoffMaxMs'>;

/**
 * Delay before retry number `attempt` (0-based) without a server hint: doubling from the minimum
 * up to the cap, with "equal jitter" (half fixed, half random) so that many clients do not
 * retry in step.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, limits: Limits, random: () => number = Math.random): number {
  const base = Math.min(limits.backoffMaxMs, limits.backoffMinMs * 2 ** Math.min(attempt, 30));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** The shared back-off, as every context sees it. */
export async function readThrottle(db: MailDB): Promise<Throttle | undefined> {
  return (await db.meta.get(META.throttle))?.value as Throttle | undefined;
}

/**
 * Records that the server said "busy" and returns the time before which nothing may be sent.
 * A hint (BackOffMilliseconds, Retry-After) is obeyed as given; without one the delay grows with
 * each consecutive busy answer. An earlier, longer back-off is never shortened.
 */
export async function noteBusy(
  db: MailDB,
  now: number,
  hintMs: number | undefined,
  limits: Limits,
  random?: () => number,
): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const prev = await readThrottle(db);
    const attempt = prev?.attempt ?? 0;
    const delay = hintMs ?? backoffDelay(attempt, limits, random);
    const until = Math.max(prev?.until ?? 0, now + delay);
    const next: Throttle = { until, attempt: hintMs === undefined ? attempt + 1 : attempt };
    await db.meta.put({ key: META.throttle, value: next });
    return until;
  });
}

/** A request succeeded: the next busy answer without a hint starts from the minimum again. */
export async function resetBackoff(db: MailDB): Promise<void> {
  const prev = await readThrottle(db);
  if (prev && prev.attempt > 0) await db.meta.put({ key: META.throttle, value: { ...prev, attempt: 0 } });
}
