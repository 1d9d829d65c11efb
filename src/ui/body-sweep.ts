import { sweepBodies } from '../db/index.js';
import { db } from './db.js';

const HOUR_MS = 3_600_000;

/**
 * Message text that offline reading no longer needs leaves the device once a day (see
 * `sweepBodies`). The page does it, at start and then hourly while it is open (a check of one
 * stored date until the day is up); the worker, whose size is budgeted, only makes room when
 * the disk is full.
 */
export function sweepBodiesDaily(): () => void {
  const sweep = () =>
    void sweepBodies(db, Date.now()).catch((err: unknown) => console.error('Could not remove old message text', err));
  sweep();
  const timer = setInterval(sweep, HOUR_MS);
  return () => clearInterval(timer);
}
