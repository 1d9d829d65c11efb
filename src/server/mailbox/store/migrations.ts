/**
 * The SQLite schema, as a list of migrations. Entry n takes the database from version n to n + 1;
 * entries are only ever appended, never edited, so a mailbox file from any earlier build opens.
 *
 * Change tracking: one modification counter per mailbox (`meta.modseq`) numbers every mutation.
 * Items carry the number that created them in their folder (`created_num`), the last change of
 * anything but the read flag (`content_num`), the last read-flag change (`read_num`) and the
 * latest of all (`change_num`); deleting or moving an item out of a folder leaves a tombstone
 * with its own number. A sync position is one such number, so "what changed since" is two
 * indexed range scans, already coalesced to one change per item.
 *
 * Tombstones are kept for a bounded time, as Exchange keeps deletion history (see
 * tombstone-pruner.ts): each records when it was made (`at`), and each folder the highest
 * tombstone number pruned from it (`tombstone_horizons`); a sync position below that horizon can
 * no longer be answered completely and is refused.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;

  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL
  );

  CREATE TABLE folders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    parent_id INTEGER,
    name TEXT NOT NULL,
    folder_class TEXT,
    distinguished TEXT,
    created_num INTEGER NOT NULL,
    change_num INTEGER NOT NULL,
    deleted_num INTEGER,
    next_article INTEGER NOT NULL DEFAULT 1,
    contents_num INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    contents_modified INTEGER NOT NULL
  );
  CREATE INDEX folders_user ON folders (user_id, parent_id);
  CREATE UNIQUE INDEX folders_distinguished ON folders (user_id, distinguished)
    WHERE distinguished IS NOT NULL AND deleted_num IS NULL;
  CREATE UNIQUE INDEX folders_sibling_name ON folders (user_id, parent_id, name COLLATE NOCASE)
    WHERE deleted_num IS NULL;

  CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    gen INTEGER NOT NULL DEFAULT 0,
    user_id INTEGER NOT NULL,
    folder_id INTEGER NOT NULL,
    created_num INTEGER NOT NULL,
    content_num INTEGER NOT NULL,
    read_num INTEGER NOT NULL,
    change_num INTEGER NOT NULL,
    article INTEGER NOT NULL,
    item_class TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    from_name TEXT,
    from_addr TEXT,
    sender_name TEXT,
    sender_addr TEXT,
    to_json TEXT NOT NULL DEFAULT '[]',
    cc_json TEXT NOT NULL DEFAULT '[]',
    bcc_json TEXT NOT NULL DEFAULT '[]',
    reply_to_json TEXT NOT NULL DEFAULT '[]',
    received INTEGER NOT NULL,
    sent INTEGER,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    size INTEGER NOT NULL,
    importance TEXT NOT NULL DEFAULT 'Normal',
    sensitivity TEXT NOT NULL DEFAULT 'Normal',
    is_read INTEGER NOT NULL DEFAULT 0,
    is_draft INTEGER NOT NULL DEFAULT 0,
    read_receipt INTEGER NOT NULL DEFAULT 0,
    delivery_receipt INTEGER NOT NULL DEFAULT 0,
    flag_status INTEGER NOT NULL DEFAULT 0,
    flag_start INTEGER,
    flag_due INTEGER,
    flag_complete INTEGER,
    preview TEXT NOT NULL DEFAULT '',
    has_attachments INTEGER NOT NULL DEFAULT 0,
    conversation_id TEXT,
    conversation_topic TEXT,
    internet_message_id TEXT,
    in_reply_to TEXT,
    references_ TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    start INTEGER,
    end INTEGER,
    location TEXT,
    uid TEXT,
    all_day INTEGER,
    -- Large columns last: SQLite reads overflow pages only for the columns a query touches.
    body_text TEXT NOT NULL DEFAULT '',
    body_html TEXT,
    mime BLOB NOT NULL
  );
  CREATE INDEX items_received ON items (folder_id, received, id);
  CREATE INDEX items_changes ON items (folder_id, change_num);
  CREATE INDEX items_article ON items (folder_id, article);
  CREATE INDEX items_unread ON items (folder_id, is_read);
  CREATE INDEX items_start ON items (folder_id, start) WHERE start IS NOT NULL;

  CREATE TABLE tombstones (
    num INTEGER PRIMARY KEY,
    folder_id INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    gen INTEGER NOT NULL,
    created_num INTEGER NOT NULL,
    item_class TEXT NOT NULL
  );
  CREATE INDEX tombstones_folder ON tombstones (folder_id, num);

  CREATE TABLE item_props (
    item_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    multi INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (item_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX item_props_value ON item_props (key, value);

  CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content_id TEXT,
    content_location TEXT,
    is_inline INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX attachments_item ON attachments (item_id);

  CREATE TABLE outgoing (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    mime BLOB NOT NULL,
    at INTEGER NOT NULL
  );
  `,
  `
  ALTER TABLE tombstones ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
  -- Tombstones from before this version count as made now, not as old: counted as old, the first
  -- start would prune them all and send every client that synced before the upgrade's last
  -- deletion back to a full resync at once. Counted as now, they live one more retention window
  -- and no sync state is lost by upgrading.
  UPDATE tombstones SET at = unixepoch() * 1000;
  CREATE INDEX tombstones_at ON tombstones (at);
  CREATE TABLE tombstone_horizons (folder_id INTEGER PRIMARY KEY, num INTEGER NOT NULL);
  `,
  `
  -- A new message finds the conversation of the one it answers by that one's Message-ID
  -- (store/conversations.ts).
  CREATE INDEX items_message_id ON items (user_id, internet_message_id) WHERE internet_message_id IS NOT NULL;
  `,
  `
  -- Automatic replies (SetUserOofSettings), as the JSON of the codec's OofSettings, and the
  -- senders answered since they were last set: one reply each (model/auto-reply.ts).
  CREATE TABLE oof_settings (user_id INTEGER PRIMARY KEY, settings TEXT NOT NULL);
  CREATE TABLE oof_replied (user_id INTEGER NOT NULL, sender TEXT NOT NULL, PRIMARY KEY (user_id, sender)) WITHOUT ROWID;
  `,
];
