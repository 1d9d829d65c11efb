import type { FolderNode } from '../../db/index.js';
import { folderName } from '../folder-names.js';
import type { Translator } from '../i18n/translate.js';

export interface FolderPath {
  folder: FolderNode;
  /** "Inbox / Projects / 2025", in the user's language. */
  path: string;
}

/** Every folder of the tree in display order, each with its path, for pickers and choosers. */
export function folderPaths(nodes: FolderNode[], t: Translator, prefix = ''): FolderPath[] {
  return nodes.flatMap((n) => {
    const path = prefix ? `${prefix} / ${folderName(n, t)}` : folderName(n, t);
    return [{ folder: n, path }, ...folderPaths(n.children, t, path)];
  });
}

/** The messages in a folder and all its subfolders (stored counts), and how many subfolders. */
export function subtreeSize(node: FolderNode): { messages: number; folders: number } {
  return node.children.reduce(
    (sum, child) => {
      const inner = subtreeSize(child);
      return { messages: sum.messages + inner.messages, folders: sum.folders + 1 + inner.folders };
    },
    { messages: node.total, folders: 0 },
  );
}
