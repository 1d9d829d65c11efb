import { openMailDB } from '../db/index.js';
import { createStore } from './hooks/store.js';

/** Set when a newer schema closed this page's connection: the page offers a reload. */
export const schemaOutdated = createStore(false);

/** The page's one connection to the local store. */
export const db = openMailDB(undefined, { onVersionChange: () => schemaOutdated.set(true) });
