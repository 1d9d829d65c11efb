import type { Db } from './database.js';
import type { FolderRow } from './rows.js';

export interface NewFolder {
  user_id: number;
  parent_id: number | null;
  name: string;
  folder_class: string | null;
  distinguished?: string | null;
}

export function insertFolder(db: Db, f: NewFolder, now: number): FolderRow {
  const num = db.next();
  const r = db
    .prep(
      `INSERT INTO folders (user_id, parent_id, name, folder_class, distinguished, created_num, change_num,
         created, modified, contents_modified)
       VALUES (@user_id, @parent_id, @name, @folder_class, @distinguished, @num, @num, @now, @now, @now)`,
    )
    .run({ ...f, distinguished: f.distinguished ?? null, num, now });
  return folderById(db, Number(r.lastInsertRowid))!;
}

/** A folder by row id, deleted ones included (callers check `deleted_num`). */
export function folderById(db: Db, id: number): FolderRow | undefined {
  return db.prep('SELECT * FROM folders WHERE id = ?').get(id) as FolderRow | undefined;
}

export function folderByDistinguished(db: Db, userId: number, name: string): FolderRow | undefined {
  return db
    .prep('SELECT * FROM folders WHERE user_id = ? AND distinguished = ? AND deleted_num IS NULL')
    .get(userId, name) as FolderRow | undefined;
}

/** Every folder of a user, deleted ones too (hierarchy sync reports their deletion). */
export function foldersOfUser(db: Db, userId: number): FolderRow[] {
  return db.prep('SELECT * FROM folders WHERE user_id = ? ORDER BY id').all(userId) as FolderRow[];
}

/** A live sibling with this name (any case), other than `exceptId`. */
export function siblingNamed(db: Db, userId: number, parentId: number, name: string, exceptId = 0): boolean {
  return !!db
    .prep(
      `SELECT 1 FROM folders WHERE user_id = ? AND parent_id = ? AND name = ? COLLATE NOCASE
         AND deleted_num IS NULL AND id != ?`,
    )
    .get(userId, parentId, name, exceptId);
}

/** Rename, re-class and/or move: a hierarchy change, so it takes a new number. */
export function updateFolder(
  db: Db,
  id: number,
  change: { name?: string; parent_id?: number; folder_class?: string | null },
  now: number,
): FolderRow {
  const f = folderById(db, id)!;
  db.prep(
    `UPDATE folders SET name = @name, parent_id = @parent_id, folder_class = @folder_class, change_num = @num,
       modified = @now WHERE id = @id`,
  ).run({
    id,
    name: change.name ?? f.name,
    parent_id: change.parent_id ?? f.parent_id,
    folder_class: change.folder_class === undefined ? f.folder_class : change.folder_class,
    num: db.next(),
    now,
  });
  return folderById(db, id)!;
}

export function markFolderDeleted(db: Db, id: number, now: number): void {
  db.prep('UPDATE folders SET deleted_num = ?, modified = ? WHERE id = ?').run(db.next(), now, id);
}

/** Something in the folder changed: DavMail's PR_LOCAL_COMMIT_TIME_MAX follows this. */
export function touchContents(db: Db, folderId: number, num: number, now: number): void {
  db.prep('UPDATE folders SET contents_num = ?, contents_modified = ? WHERE id = ?').run(num, now, folderId);
}

/** The next per-folder article number (PR_INTERNET_ARTICLE_NUMBER, DavMail's IMAP UID). */
export function takeArticle(db: Db, folderId: number): number {
  const r = db
    .prep('UPDATE folders SET next_article = next_article + 1 WHERE id = ? RETURNING next_article - 1 AS article')
    .get(folderId) as { article: number };
  return r.article;
}

/** Reserves `count` consecutive article numbers and returns the first. */
export function takeArticles(db: Db, folderId: number, count: number): number {
  const r = db
    .prep('UPDATE folders SET next_article = next_article + ? WHERE id = ? RETURNING next_article - ? AS first')
    .get(count, folderId, count) as { first: number };
  return r.first;
}

export interface Counts {
  total: number;
  unread: number;
}

/** Item counts, from the (folder_id, is_read) index. */
export function folderCounts(db: Db, folderId: number): Counts {
  const total = db.prep('SELECT count(*) AS n FROM items WHERE folder_id = ?').get(folderId) as { n: number };
  const unread = db.prep('SELECT count(*) AS n FROM items WHERE folder_id = ? AND is_read = 0').get(folderId) as {
    n: number;
  };
  return { total: total.n, unread: unread.n };
}
