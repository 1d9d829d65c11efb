/**
 * A plain model of what the user sees and of what the server must end with, for the outbox tests.
 * It knows nothing of the outbox: it applies each intent to a map the way a person reads the
 * screen, then says what the server must hold once every intent has been replayed — each
 * message's net change (its last read state, flag and place when they differ from where it
 * started), applied to the server as other clients left it. A move into a folder the server no
 * longer has, or a folder made under one, cannot happen: those are the only parked entries.
 */
import type { FlagState } from '../../src/db/index.js';

export interface ViewMessage {
  /** Message-ID: the identity that survives a move (the EWS id does not). */
  key: string;
  folder: string;
  isRead: boolean;
  flag: FlagState;
}

export interface ViewFolder {
  name: string;
  parent: string;
  distinguished?: string;
}

/** The user's view: message rows by local id, folders by local id (a server id or a temp id). */
export class View {
  readonly messages = new Map<string, ViewMessage>();
  readonly folders = new Map<string, ViewFolder>();

  constructor(
    readonly root: string,
    readonly trash: string,
  ) {}

  clone(): View {
    const v = new View(this.root, this.trash);
    for (const [id, m] of this.messages) v.messages.set(id, { ...m });
    for (const [id, f] of this.folders) v.folders.set(id, { ...f });
    return v;
  }

  within(folder: string, ancestor: string): boolean {
    const seen = new Set<string>();
    for (let id: string | undefined = folder; id !== undefined && !seen.has(id); id = this.folders.get(id)?.parent) {
      if (id === ancestor) return true;
      seen.add(id);
    }
    return false;
  }

  setRead(ids: string[], isRead: boolean): void {
    for (const id of ids) this.messages.get(id)!.isRead = isRead;
  }

  setFlag(ids: string[], flag: FlagState): void {
    for (const id of ids) this.messages.get(id)!.flag = flag;
  }

  move(ids: string[], to: string): void {
    for (const id of ids) this.messages.get(id)!.folder = to;
  }

  /** To Deleted Items, or for good when already there (or below). */
  delete(ids: string[]): void {
    for (const id of ids) {
      const m = this.messages.get(id)!;
      if (this.within(m.folder, this.trash)) this.messages.delete(id);
      else m.folder = this.trash;
    }
  }

  createFolder(id: string, parent: string, name: string): void {
    this.folders.set(id, { name, parent: parent === '' ? this.root : parent });
  }

  rename(id: string, name: string): void {
    this.folders.get(id)!.name = name;
  }

  deleteFolder(id: string): void {
    if (!this.within(id, this.trash)) {
      this.folders.get(id)!.parent = this.trash;
      return;
    }
    const gone = [...this.folders.keys()].filter((f) => this.within(f, id));
    for (const f of gone) this.folders.delete(f);
    for (const [mid, m] of this.messages) if (gone.includes(m.folder)) this.messages.delete(mid);
  }
}

/** The server as the model expects it: messages by Message-ID, folders by their final server identity. */
export interface Expected {
  /** key → folder (a server id, or a temp id standing for the folder the replay creates). */
  messages: Map<string, { folder: string; isRead: boolean; flag: FlagState }>;
  /** Folder id (server or temp) → name and parent, for folders that must exist. */
  folders: Map<string, { name: string; parent: string }>;
  /** Messages whose move must be parked, and temp folders whose creation must be. */
  parkedMessages: Set<string>;
  parkedFolders: Set<string>;
}

/**
 * What the server must hold: `server` is the server's messages and folders after other clients'
 * changes (deleted ones absent), `initial` and `final` the user's view before and after the
 * offline changes.
 */
export function expectedServer(
  initial: View,
  final: View,
  server: { messages: Map<string, { folder: string; isRead: boolean; flag: FlagState }>; folders: Set<string> },
): Expected {
  const exp: Expected = {
    messages: new Map(),
    folders: new Map(),
    parkedMessages: new Set(),
    parkedFolders: new Set(),
  };
  // Folders: a temp folder exists when its parent does; a server folder when the server kept it.
  const exists = (id: string, seen = new Set<string>()): boolean => {
    if (id === final.root) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    const f = final.folders.get(id);
    if (!f) return false;
    if (!id.startsWith('local:')) return server.folders.has(id);
    return exists(f.parent, seen);
  };
  for (const [id, f] of final.folders) {
    if (f.distinguished) {
      exp.folders.set(id, { name: f.name, parent: f.parent });
      continue;
    }
    if (exists(id)) exp.folders.set(id, { name: f.name, parent: f.parent });
    else if (id.startsWith('local:')) exp.parkedFolders.add(id);
  }
  const byKey = (v: View) => new Map([...v.messages.values()].map((m) => [m.key, m]));
  const before = byKey(initial);
  const after = byKey(final);
  for (const [key, s] of server.messages) {
    const was = before.get(key);
    const now = after.get(key);
    if (!was) {
      exp.messages.set(key, { ...s });
      continue;
    }
    if (!now) continue; // deleted for good here (or with its folder): gone on the server too
    const m = { ...s };
    if (now.isRead !== was.isRead) m.isRead = now.isRead;
    if (now.flag !== was.flag) m.flag = now.flag;
    if (now.folder !== was.folder) {
      if (exists(now.folder)) m.folder = now.folder;
      else exp.parkedMessages.add(key);
    }
    exp.messages.set(key, m);
  }
  return exp;
}
