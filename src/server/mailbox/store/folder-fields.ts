import type { PropertyPath } from '../../../ews/index.js';
import { propKey } from '../prop-key.js';
import type { FieldResolver, SqlField, SqlType } from './query.js';

const col = (type: SqlType, sql: string): SqlField => ({ type, sql });
const TOTAL = '(SELECT count(*) FROM items WHERE items.folder_id = folders.id)';
const UNREAD = '(SELECT count(*) FROM items WHERE items.folder_id = folders.id AND items.is_read = 0)';
const CHILDREN = '(SELECT count(*) FROM folders c WHERE c.parent_id = folders.id AND c.deleted_num IS NULL)';

const FIELDS: Record<string, SqlField> = {
  'folder:DisplayName': col('string', 'name'),
  'folder:FolderClass': col('string', 'folder_class'),
  'folder:DistinguishedFolderId': col('string', 'distinguished'),
  'folder:TotalCount': col('int', TOTAL),
  'folder:UnreadCount': col('int', UNREAD),
  'folder:ChildFolderCount': col('int', CHILDREN),
};

const TAGS: Record<string, SqlField> = {
  'tag:0x3001': col('string', 'name'), // PR_DISPLAY_NAME
  'tag:0x3613': col('string', 'folder_class'), // PR_CONTAINER_CLASS
  'tag:0x3602': col('int', TOTAL), // PR_CONTENT_COUNT
  'tag:0x3603': col('int', UNREAD), // PR_CONTENT_UNREAD
  'tag:0x360a': col('bool', `(${CHILDREN} > 0)`), // PR_SUBFOLDERS
  'tag:0x3008': col('date', 'modified'),
};

/** The SQL side of a folder property path, for FindFolder restrictions. */
export const folderField: FieldResolver = (p: PropertyPath) => {
  if ('extended' in p) return TAGS[propKey(p.extended)];
  if ('fieldIndex' in p) return undefined;
  return FIELDS[p.fieldURI];
};
