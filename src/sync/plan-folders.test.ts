import { describe, expect, it } from 'vitest';
import type { SyncCursor } from '../db/index.js';
import { planFolders, type FolderPlanInput } from './plan-folders.js';
import { folderRow } from '../db/test-rows.js';

const NOW = 10_000_000;
const folder = folderRow;
const synced = (key: string, extra: Partial<SyncCursor> = {}): SyncCursor => ({
  key,
  syncState: 's',
  complete: true,
  updatedAt: NOW,
  lastSync: NOW - 1000,
  seenTotal: 5,
  seenUnread: 1,
  ...extra,
});

const input = (over: Partial<FolderPlanInput>): FolderPlanInput => ({
  folders: [],
  cursors: new Map(),
  counts: new Map(),
  now: NOW,
  settings: { fullPollSeconds: 600 },
  ...over,
});

describe('planFolders', () => {
  const folders = [
    folder('b', { usedAt: 5 }),
    folder('inbox', { distinguished: 'inbox' }),
    folder('a', { usedAt: 9 }),
    folder('open'),
    folder('cal', { kind: 'CalendarFolder', folderClass: 'IPF.Appointment' }),
    folder('local:new'),
  ];

  it('syncs everything never synced: Inbox first, then the open folder, then by recent use', () => {
    const plan = planFolders(input({ folders, openFolderId: 'open' }));
    expect(plan.map((f) => f.id)).toEqual(['inbox', 'open', 'a', 'b']);
  });

  it('keeps a no-change poll to the Inbox and the open folder', () => {
    const cursors = new Map(['inbox', 'open', 'a', 'b'].map((k) => [k, synced(k)]));
    const counts = new Map(['inbox', 'open', 'a', 'b'].map((k) => [k, { total: 5, unread: 1 }]));
    expect(planFolders(input({ folders, cursors, counts, openFolderId: 'open' })).map((f) => f.id)).toEqual([
      'inbox',
      'open',
    ]);
  });

  it('adds folders whose counts moved, that are unfinished, re-listing, or not synced for ten minutes', () => {
    const cursors = new Map([
      ['inbox', synced('inbox')],
      ['a', synced('a')],
      ['b', synced('b', { lastSync: NOW - 600_000 })],
      ['c', synced('c', { complete: false })],
      ['d', synced('d', { sweep: 3 })],
      ['e', synced('e', { retryIds: ['x'] })],
      ['f', synced('f')],
    ]);
    const counts = new Map(['inbox', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, { total: 5, unread: 1 }]));
    counts.set('a', { total: 6, unread: 1 });
    const all = [...'abcdef'].map((id) => folder(id)).concat(folder('inbox', { distinguished: 'inbox' }));
    expect(planFolders(input({ folders: all, cursors, counts })).map((f) => f.id)).toEqual([
      'inbox',
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('syncs every mail folder when asked', () => {
    const cursors = new Map(['inbox', 'open', 'a', 'b'].map((k) => [k, synced(k)]));
    expect(planFolders(input({ folders, cursors, all: true })).map((f) => f.id)).toEqual(['inbox', 'a', 'b', 'open']);
  });
});
