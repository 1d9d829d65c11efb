/**
 * Ids given locally to things the server has not created yet (a new draft, a new folder). The
 * replay swaps them for the server's ids in the rows and in later outbox entries.
 */
const LOCAL = 'local:';

export const localDraftId = (opId: string): string => `${LOCAL}draft:${opId}`;
export const newLocalFolderId = (): string => `${LOCAL}folder:${crypto.randomUUID()}`;
export const isLocalId = (id: string): boolean => id.startsWith(LOCAL);
