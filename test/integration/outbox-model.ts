/**
 * A plain model of what the user sees and of what the server must end with, for the outbox tests.
 * `View` applies each intent to a map the way a person reads the screen. `Journal` keeps the
 * intents in the order they were made and replays them, one by one, on the server as other
 * clients left it: the user's last word on a message wins, a move into a folder the server no
 * longer has (or a folder made under one) cannot happen and is parked, a folder deleted for good
 * takes what is in it along, unless it holds a message whose move out of it was parked (then that
 * delete is parked too). The rules it shares with the outbox are how intents fold: a message's
 * moves into its last one, except across a folder delete (so a message never leaves a folder later
 * than the user took it out); a rename into the folder's creation or over its last rename; and a
 * folder deleted for good takes its renames along, or its whole story when it was made here and
 * nothing else needs it.
 */
import type { FlagState, OutboxOp } from '../../src/db/index.js';

export interface ViewMessage {
  /** Message-ID: the identity that survives a move (the EWS id does not). */
  key: string;
  folder: string;
  isRead: boolean;
  flag: FlagState;
  categories: string[];
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
  /** Messages and folders that went with a folder deleted for good, as they were then. */
  readonly removedMessages = new Map<string, ViewMessage>();
  readonly removedFolders = new Map<string, ViewFolder>();

  constructor(
    readonly root: string,
    readonly trash: string,
  ) {}

  clone(): View {
    const v = new View(this.root, this.trash);
    for (const [id, m] of this.messages) v.messages.set(id, { ...m, categories: [...m.categories] });
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

  categorize(ids: string[], name: string, on: boolean): void {
    for (const id of ids) {
      const m = this.messages.get(id)!;
      m.categories = toggled(m.categories, name, on);
    }
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
    for (const [mid, m] of this.messages)
      if (gone.includes(m.folder)) {
        this.removedMessages.set(mid, m);
        this.messages.delete(mid);
      }
    for (const f of gone) {
      this.removedFolders.set(f, this.folders.get(f)!);
      this.folders.delete(f);
    }
  }
}

export interface ServerMessage {
  folder: string;
  isRead: boolean;
  flag: FlagState;
  categories: string[];
}

/** The list with `name` added at its end (`on`) or taken out. */
const toggled = (list: string[], name: string, on: boolean) =>
  on ? (list.includes(name) ? list : [...list, name]) : list.filter((c) => c !== name);

type Step =
  | { kind: 'read'; key: string; value: boolean }
  | { kind: 'flag'; key: string; value: FlagState }
  /** One category on or off: what other clients did to the others stays. */
  | { kind: 'category'; key: string; name: string; on: boolean }
  /**
   * `to` undefined: deleted for good. `origin`: where the user took it from, as the outbox
   * remembers it (the first of folded moves).
   */
  | { kind: 'place'; key: string; to?: string; origin: string }
  | { kind: 'create'; id: string; parent: string; name: string }
  | { kind: 'rename'; id: string; name: string }
  /** `removed`: for good, the folders that went with it here, as the outbox lists them. */
  | { kind: 'delete-folder'; id: string; hard: boolean; removed: string[] };

/** What the server must end with, and what must be parked on the way. */
export interface Expected {
  messages: Map<string, ServerMessage>;
  /** Folder id (a server id, or the temp id of one made offline) → name and parent. */
  folders: Map<string, { name: string; parent: string }>;
  parkedMessages: Set<string>;
  parkedFolders: Set<string>;
  /** Folders whose delete for good is parked: they hold a message whose move out was parked. */
  parkedDeletes: Set<string>;
  /** Messages whose last move could not happen: the user must see it parked. */
  strandedMessages: Set<string>;
}

/** The user's intents in the order they were made, message by message. */
export class Journal {
  private readonly steps: (Step | undefined)[] = [];
  private readonly lastPlace = new Map<string, number>();

  constructor(private readonly view: View) {}

  /** Call before the view applies the intent (it reads where things are now). */
  record(op: OutboxOp): void {
    const key = (id: string) => this.view.messages.get(id)!.key;
    switch (op.kind) {
      case 'set-read':
        for (const id of op.ids) this.steps.push({ kind: 'read', key: key(id), value: op.isRead });
        return;
      case 'set-flag':
        for (const id of op.ids) this.steps.push({ kind: 'flag', key: key(id), value: op.flag });
        return;
      case 'categorize':
        for (const id of op.ids) this.steps.push({ kind: 'category', key: key(id), name: op.category, on: op.on });
        return;
      case 'move':
        for (const id of op.ids) this.place(key(id), op.toFolderId, this.view.messages.get(id)!.folder);
        return;
      case 'delete':
        for (const id of op.ids) {
          const m = this.view.messages.get(id)!;
          this.place(m.key, this.view.within(m.folder, this.view.trash) ? undefined : this.view.trash, m.folder);
        }
        return;
      case 'create-folder':
        this.steps.push({ kind: 'create', id: op.tempId, parent: op.parentId || this.view.root, name: op.name });
        return;
      case 'rename-folder': {
        // As the outbox folds it: into the folder's creation, or over its last rename.
        let last = this.steps.length - 1;
        const about = (st: Step | undefined) =>
          (st?.kind === 'create' || st?.kind === 'rename' || st?.kind === 'delete-folder') && st.id === op.id;
        while (last >= 0 && !about(this.steps[last])) last--;
        const st = this.steps[last];
        if (st?.kind === 'create') {
          this.steps[last] = { ...st, name: op.name };
          return;
        }
        if (st?.kind === 'rename') this.steps[last] = undefined;
        this.steps.push({ kind: 'rename', id: op.id, name: op.name });
        return;
      }
      case 'delete-folder': {
        const hard = this.view.within(op.id, this.view.trash);
        if (hard && this.foldFolder(op.id)) return;
        const removed = hard ? [...this.view.folders.keys()].filter((f) => this.view.within(f, op.id)) : [];
        this.steps.push({ kind: 'delete-folder', id: op.id, hard, removed });
        return;
      }
      default:
        return;
    }
  }

  /**
   * A folder deleted for good: its renames are not sent (they stay undone if the delete is parked),
   * and a folder made here that nothing else needs is not made at all. True when nothing is left.
   */
  private foldFolder(id: string): boolean {
    const own = (st: Step | undefined) =>
      (st?.kind === 'rename' || st?.kind === 'create' || st?.kind === 'delete-folder') && st.id === id;
    const needs = (st: Step | undefined) =>
      (st?.kind === 'place' && st.to === id) || (st?.kind === 'create' && st.parent === id);
    const created = this.steps.some((st) => st?.kind === 'create' && st.id === id);
    const gone = created && !this.steps.some(needs);
    this.steps.forEach((st, i) => {
      if (own(st) && (gone || st?.kind === 'rename')) this.steps[i] = undefined;
    });
    return gone;
  }

  /** A move folds into the message's earlier one unless a folder was deleted in between. */
  private place(key: string, to: string | undefined, origin: string): void {
    const before = this.lastPlace.get(key);
    const barrier = before !== undefined && this.steps.some((st, i) => i > before && st?.kind === 'delete-folder');
    if (before !== undefined && !barrier) {
      const folded = this.steps[before];
      if (folded?.kind === 'place') origin = folded.origin;
      this.steps[before] = undefined;
    }
    this.lastPlace.set(key, this.steps.length);
    this.steps.push(to === undefined ? { kind: 'place', key, origin } : { kind: 'place', key, to, origin });
  }

  /** Replays the intents on the server's state (as other clients left it). */
  replay(server: { messages: Map<string, ServerMessage>; folders: Map<string, { name: string; parent: string }> }) {
    const messages = new Map([...server.messages].map(([k, m]) => [k, { ...m, categories: [...m.categories] }]));
    const folders = new Map([...server.folders].map(([k, f]) => [k, { ...f }]));
    const exp: Expected = {
      messages,
      folders,
      parkedMessages: new Set(),
      parkedFolders: new Set(),
      parkedDeletes: new Set(),
      strandedMessages: new Set(),
    };
    const exists = (id: string) => id === this.view.root || folders.has(id);
    // Folders holding a message whose move out of them was parked: a delete for good of one of
    // them is parked too, rather than take the message along.
    const strandedIn = new Set<string>();
    for (const step of this.steps) {
      if (!step) continue;
      switch (step.kind) {
        case 'read':
        case 'flag': {
          const m = messages.get(step.key);
          if (m && step.kind === 'read') m.isRead = step.value;
          if (m && step.kind === 'flag') m.flag = step.value;
          break;
        }
        case 'category': {
          const m = messages.get(step.key);
          if (m) m.categories = toggled(m.categories, step.name, step.on);
          break;
        }
        case 'place': {
          const m = messages.get(step.key);
          if (!m) break;
          exp.strandedMessages.delete(step.key);
          if (step.to === undefined) messages.delete(step.key);
          else if (exists(step.to)) m.folder = step.to;
          else {
            exp.parkedMessages.add(step.key);
            exp.strandedMessages.add(step.key);
            strandedIn.add(step.origin);
          }
          break;
        }
        case 'create':
          if (exists(step.parent)) folders.set(step.id, { name: step.name, parent: step.parent });
          else exp.parkedFolders.add(step.id);
          break;
        case 'rename': {
          const f = folders.get(step.id);
          if (f) f.name = step.name;
          break;
        }
        case 'delete-folder': {
          const f = folders.get(step.id);
          if (!f) break;
          if (!step.hard) {
            f.parent = this.view.trash;
            break;
          }
          const gone = new Set([step.id]);
          for (let grew = true; grew;) {
            grew = false;
            for (const [id, x] of folders)
              if (!gone.has(id) && gone.has(x.parent)) {
                gone.add(id);
                grew = true;
              }
          }
          if (step.removed.some((id) => strandedIn.has(id))) {
            exp.parkedDeletes.add(step.id);
            break;
          }
          for (const id of gone) folders.delete(id);
          for (const [k, m] of messages) if (gone.has(m.folder)) messages.delete(k);
          break;
        }
      }
    }
    return exp;
  }
}
