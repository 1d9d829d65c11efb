import { openMailDB } from '../db/index.js';
import { createStore } from './hooks/store.js';

/**
 * Set when this page's connection closed for good: a newer schema asked for it ('upgraded'), or
 * the store went away under the page ('gone': signed out in another window, or the browser
 * cleared it). Either way the page offers a reload.
 */
export const connectionClosed = createStore<'upgraded' | 'gone' | undefined>(undefined);

/** The page's one connection to the local store. */
export const db = openMailDB(undefined, {
  onVersionChange: (upgraded) => connectionClosed.set(upgraded ? 'upgraded' : 'gone'),
});
