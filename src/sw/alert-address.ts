import type { AlertData } from '../sync/protocol.js';

/** The app's address of what a new-mail notification names (the hash routes of src/ui/route.ts). */
export function alertAddress(data: AlertData): string {
  const folder = `/#/mail/${encodeURIComponent(data.folderId)}`;
  return data.messageId ? `${folder}/${encodeURIComponent(data.messageId)}` : folder;
}
