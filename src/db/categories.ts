import type { MailDB } from './schema.js';

/**
 * Every category some message here has, by the `*categories` index: one key per name, however many
 * messages carry it. In the index's order (by UTF-16 code unit); the picker sorts for people.
 */
export async function categoriesInUse(db: MailDB): Promise<string[]> {
  return (await db.messages.orderBy('categories').uniqueKeys()) as string[];
}
