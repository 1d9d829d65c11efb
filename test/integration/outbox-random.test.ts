import { afterAll, describe, expect, it } from 'vitest';
import {
  DeleteFolder,
  DeleteItem,
  FindItem,
  UpdateItem,
  type Flag,
  type ItemUpdate,
  type ItemId,
} from '../../src/ews/index.js';
import {
  distinguishedFolder,
  isMailFolder,
  newLocalFolderId,
  recordAction,
  ActionError,
  type FlagState,
  type OutboxOp,
} from '../../src/db/index.js';
import { createEngine, type Engine, type Transport } from '../../src/sync/index.js';
import { ADA, DEMO, Harness, plain, REPLAY_FAULTS, type FaultSpec } from './sync-harness.js';
import { Journal, View } from './outbox-model.js';
import { opIdCount, serverMessages, type ServerMessage } from './outbox-server.js';

/**
 * A day on the train: 1,000 random actions made offline (read, flag, categorize, move, delete,
 * send, folder create, rename and delete, across folders), while other clients change (categories
 * too) and delete things on the server; then the replay, with answers lost after the server
 * applied them, busy servers in both forms, requests cut off, and the worker killed in the middle of a request (a fresh engine
 * then starts on the same database). Afterwards every intent has been applied exactly once, every
 * send delivered exactly once, the local store equals the server, and nothing is stuck: the only
 * entries left are parked, and only where the model says they must be.
 *
 * OUTBOX_SEED picks another day; OUTBOX_ACTIONS another length.
 */

const SEED = Number(process.env['OUTBOX_SEED'] ?? 20261130);
const ACTIONS = Number(process.env['OUTBOX_ACTIONS'] ?? 1000);

/** mulberry32: small, seedable, good enough to pick actions. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const FLAGS: Flag['flagStatus'][] = ['NotFlagged', 'Flagged', 'Complete'];
const CATEGORIES = ['Red category', 'Blue category', 'Travel'];

let h: Harness;
afterAll(() => h?.close());

describe('1,000 actions offline, replayed through faults', () => {
  it('applies every intent once, delivers every send once, and ends equal to the server', async () => {
    const rnd = prng(SEED);
    h = await Harness.open(150, 1_000_000);

    // The engine's transport can be made to die in the middle of a request: the request reaches
    // the server and its answer never comes back, as when the worker is killed.
    let dieAfter: number | undefined;
    let died: () => void = () => {};
    const inner = h.transportFor(DEMO);
    const requests: Record<string, number> = {};
    const trace: string[] = [];
    const transport: Transport = async (soap, signal) => {
      const op = /<m:(\w+)[\s>]/.exec(soap.slice(soap.indexOf('Body')))?.[1] ?? '?';
      requests[op] = (requests[op] ?? 0) + 1;
      const at = trace.length;
      if (process.env['OUTBOX_DEBUG']) trace.push(`${op} ${soap.slice(soap.indexOf('Body'))}`);
      if (dieAfter !== undefined && dieAfter-- <= 0) {
        dieAfter = undefined;
        await inner(soap, signal).catch(() => {});
        died();
        return new Promise<string>(() => {});
      }
      try {
        const answer = await inner(soap, signal);
        if (process.env['OUTBOX_DEBUG'])
          trace[at] += ` => ${[...answer.matchAll(/ResponseCode>(\w+)</g)].map((x) => x[1]).join(',')}`;
        return answer;
      } catch (err) {
        if (process.env['OUTBOX_DEBUG']) trace[at] += ` => ${String(err)}`;
        throw err;
      }
    };
    const settings = { prefetchBodies: false };
    const newEngine = (): Engine =>
      createEngine({ db: h.openDB(), transport, clock: h.clock, settings, random: () => 0.5 });
    let engine = newEngine();
    await engine.runPass('startup');

    // The user's view, built apart from the store.
    const folders = await h.db.folders.toArray();
    const trash = (await distinguishedFolder(h.db, 'deleteditems'))!.id;
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const view = new View(inbox.parentId, trash);
    for (const f of folders.filter(isMailFolder))
      view.folders.set(f.id, {
        name: f.name,
        parent: f.parentId,
        ...(f.distinguished || f.name === 'Archive' ? { distinguished: f.distinguished ?? 'archive' } : {}),
      });
    for (const m of await h.db.messages.toArray())
      view.messages.set(m.id, {
        key: m.internetMessageId!,
        folder: m.folderId,
        isRead: !!m.isRead,
        flag: m.flag,
        categories: m.categories ?? [],
      });
    expect([...view.messages.values()].every((m) => m.key)).toBe(true);
    const initial = view.clone();
    for (const [id, m] of initial.messages) initialIds.set(m.key, id);
    const journal = new Journal(view);

    // Offline: nothing reaches the server while the user works.
    const sends: { subject: string; opId: string }[] = [];
    let recorded = 0;
    const said: string[] = [];
    const record = async (op: OutboxOp, apply: () => void) => {
      try {
        const opId = await recordAction(h.db, op);
        if (process.env['OUTBOX_DEBUG']) said.push(JSON.stringify(op));
        journal.record(op);
        apply();
        recorded++;
        return opId;
      } catch (err) {
        if (!(err instanceof ActionError)) throw err;
        return undefined;
      }
    };
    const mailTargets = () =>
      [...view.folders.entries()].filter(([, f]) => !['drafts', 'outbox', 'sentitems'].includes(f.distinguished ?? ''));
    const userFolders = () => [...view.folders.entries()].filter(([, f]) => !f.distinguished);
    for (let i = 0; i < ACTIONS; i++) {
      const ids = [...view.messages.keys()];
      const some = () => [...new Set(Array.from({ length: 1 + rnd.int(3) }, () => rnd.pick(ids)))];
      const roll = rnd.int(100);
      if (roll < 27 && ids.length) {
        const chosen = some();
        const isRead = rnd.next() < 0.5;
        await record({ kind: 'set-read', ids: chosen, isRead }, () => view.setRead(chosen, isRead));
      } else if (roll < 40 && ids.length) {
        const chosen = some();
        const flag = rnd.int(3) as FlagState;
        await record({ kind: 'set-flag', ids: chosen, flag }, () => view.setFlag(chosen, flag));
      } else if (roll < 49 && ids.length) {
        const chosen = some();
        const category = rnd.pick(CATEGORIES);
        const on = rnd.next() < 0.6;
        await record({ kind: 'categorize', ids: chosen, category, on }, () => view.categorize(chosen, category, on));
      } else if (roll < 73 && ids.length) {
        const chosen = some();
        const [to] = rnd.pick(mailTargets());
        await record({ kind: 'move', ids: chosen, toFolderId: to }, () => view.move(chosen, to));
      } else if (roll < 81 && ids.length) {
        const chosen = some();
        await record({ kind: 'delete', ids: chosen }, () => view.delete(chosen));
      } else if (roll < 87) {
        const subject = `Train note ${SEED} #${i}`;
        const draft = { to: [{ name: 'Ada', email: ADA }], cc: [], bcc: [], subject, text: `Sent offline, #${i}.` };
        const opId = await record({ kind: 'send', draft }, () => {});
        if (opId) sends.push({ subject, opId });
      } else if (roll < 93) {
        const tempId = newLocalFolderId();
        const parent = rnd.next() < 0.5 ? '' : (rnd.pick(userFolders())?.[0] ?? '');
        const name = `Folder ${i}`;
        await record({ kind: 'create-folder', parentId: parent, name, tempId }, () =>
          view.createFolder(tempId, parent, name),
        );
      } else if (roll < 97) {
        const target = rnd.pick(userFolders());
        if (!target) continue;
        const name = `Renamed ${i}`;
        await record({ kind: 'rename-folder', id: target[0], name }, () => view.rename(target[0], name));
      } else {
        const target = rnd.pick(userFolders());
        if (!target) continue;
        await record({ kind: 'delete-folder', id: target[0] }, () => view.deleteFolder(target[0]));
      }
    }
    // The store shows exactly what the user did.
    await expectViewEqualsStore(view);
    const queued = await h.db.outbox.count();

    // Meanwhile, on the server: another client flips read states and flags, deletes messages,
    // and deletes two folders with everything in them.
    const server = await serverMessages(h);
    const serverIds = [...server.keys()];
    for (let i = 0; i < 40; i++) {
      const key = rnd.pick(serverIds);
      const s = server.get(key);
      if (!s) continue;
      const isRead = rnd.next() < 0.5;
      const flag = rnd.int(3) as FlagState;
      const categories = CATEGORIES.filter(() => rnd.next() < 0.3);
      const path = { fieldURI: 'item:Categories' };
      await h.ews(UpdateItem, {
        conflictResolution: 'AlwaysOverwrite',
        messageDisposition: 'SaveOnly',
        itemChanges: [
          {
            itemId: { id: s.id },
            updates: [
              { kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead } },
              {
                kind: 'Set',
                path: { fieldURI: 'item:Flag' },
                item: { kind: 'Message', flag: { flagStatus: FLAGS[flag]! } },
              },
              categories.length
                ? { kind: 'Set', path, item: { kind: 'Message', categories } }
                : { kind: 'Delete', path },
            ],
          },
        ],
      });
      Object.assign(s, { isRead, flag, categories });
    }
    for (let i = 0; i < 15; i++) {
      const key = rnd.pick(serverIds);
      const s = server.get(key);
      if (!s) continue;
      await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id: s.id }] });
      server.delete(key);
    }
    const doomed = folders.filter((f) => f.name === 'Travel' || f.name === 'Beta').map((f) => f.id);
    await h.ews(DeleteFolder, { deleteType: 'HardDelete', folderIds: doomed.map((id) => ({ id })) });
    for (const [key, s] of server) if (doomed.includes(s.folder)) server.delete(key);
    const serverFolders = new Map(
      [...initial.folders]
        .filter(([id]) => !doomed.includes(id) && !doomed.some((d) => initial.within(id, d)))
        .map(([id, f]) => [id, { name: f.name, parent: f.parent }]),
    );

    // Back online, with faults.
    const kinds = REPLAY_FAULTS;
    const ops = [
      'UpdateItem',
      'MoveItem',
      'DeleteItem',
      'CreateItem',
      'SendItem',
      'CreateFolder',
      'UpdateFolder',
      'DeleteFolder',
      'FindItem',
      'GetItem',
    ];
    let rounds = 0;
    let kills = 0;
    const live = async () => (await h.db.outbox.toArray()).filter((e) => e.state !== 'parked').length;
    while ((await live()) > 0 && rounds < 60) {
      rounds++;
      const faults: FaultSpec[] = [];
      for (let k = 1 + rnd.int(4); k > 0; k--)
        faults.push({ kind: rnd.pick(kinds), op: rnd.pick(ops), backOffMs: 2000 });
      await h.faults(faults);
      if (rnd.int(4) === 0) {
        // A conflicting edit by another client while the replay runs.
        const [m] = await h.ews(FindItem, {
          traversal: 'Shallow',
          itemShape: { baseShape: 'IdOnly' },
          view: { kind: 'Indexed', maxEntriesReturned: 3, offset: rnd.int(20), basePoint: 'Beginning' },
          parentFolderIds: [{ distinguished: 'inbox' }],
        });
        const ids: ItemId[] = (m?.rootFolder?.items ?? []).map((x) => x.itemId!);
        if (ids.length)
          await h.ews(UpdateItem, {
            conflictResolution: 'AlwaysOverwrite',
            messageDisposition: 'SaveOnly',
            itemChanges: ids.map((itemId) => ({
              itemId,
              updates: [
                {
                  kind: 'Set',
                  path: { fieldURI: 'item:Subject' },
                  item: { kind: 'Message', subject: `Edited ${rounds}` },
                } satisfies ItemUpdate,
              ],
            })),
          });
      }
      if (rnd.int(2) === 0) {
        kills++;
        dieAfter = rnd.int(12);
        const dead = new Promise<void>((resolve) => (died = resolve));
        await Promise.race([engine.runPass('outbox'), dead]);
        dieAfter = undefined;
        engine = newEngine(); // the worker is gone; a new one opens the same database
      } else await engine.runPass('outbox');
      await h.clearFaults();
      h.clock.advance(1000 + rnd.int(3) * 3_600_000);
    }

    // The dust settles.
    await h.clearFaults();
    for (let i = 0; i < 3; i++) {
      h.clock.advance(2 * 3_600_000);
      await engine.runPass('user');
    }

    if (process.env['OUTBOX_DEBUG'])
      (await import('node:fs')).writeFileSync(
        '/tmp/outbox-trace.txt',
        trace.map((t) => t.replace(/xmlns:\w+="[^"]*"/g, '').replace(/<\/?(m|t):/g, '<')).join('\n'),
      );
    const left = await h.db.outbox.orderBy('seq').toArray();
    const notes = ((await h.db.meta.get('outboxNotes'))?.value as unknown[] | undefined) ?? [];
    console.log(
      `outbox-random seed=${SEED}: ${ACTIONS} actions, ${recorded} recorded, ${queued} entries after folding, ` +
        `${sends.length} sends; replay in ${rounds} rounds with ${kills} kills; ` +
        `${left.length} parked (${left.filter((e) => typeof e.error === 'object' && e.error.code === 'holds-moved').length} deletes holding a message moved out), ${notes.length} notes; requests ${JSON.stringify(requests)}`,
    );
    // Nothing stuck: everything done, or parked with a reason.
    if (process.env['OUTBOX_DEBUG'])
      for (const e of left.filter((x) => x.state !== 'parked').slice(0, 5)) console.log('stuck', JSON.stringify(e));
    for (const e of left) {
      expect(e.state).toBe('parked');
      expect(e.error).toBeTruthy();
    }

    // The server holds what the model says.
    const exp = journal.replay({ messages: server, folders: serverFolders });
    const after = await serverMessages(h);
    const realFolder = await folderIdsByName(exp.folders);
    const got = new Map([...after].filter(([key]) => initial.messages.size && keyKnown(initial, key)));
    const want = new Map(
      [...exp.messages].map(([key, m]) => [
        key,
        {
          folder: realFolder.get(m.folder) ?? m.folder,
          isRead: m.isRead,
          flag: m.flag,
          categories: [...m.categories].sort(),
        },
      ]),
    );
    if (process.env['OUTBOX_DEBUG'])
      for (const key of new Set([...got.keys(), ...want.keys()])) {
        const g = got.get(key);
        const shown = g && { folder: g.folder, isRead: g.isRead, flag: g.flag, categories: [...g.categories].sort() };
        if (JSON.stringify(shown) === JSON.stringify(want.get(key))) continue;
        const was = [...initial.messages].find(([, m]) => m.key === key);
        const now =
          [...view.messages].find(([, m]) => m.key === key) ?? [...view.removedMessages].find(([, m]) => m.key === key);
        const folderOf = (id?: string) => (id ? (view.folders.get(id) ?? view.removedFolders.get(id)) : undefined);
        console.log(
          '  folder now',
          JSON.stringify(folderOf(now?.[1].folder)),
          JSON.stringify(folderOf(folderOf(now?.[1].folder)?.parent)),
        );
        console.log(key, JSON.stringify({ g, was, now, server: server.get(key), want: want.get(key) }));
        const entries = (await h.db.outbox.toArray()).filter((e) => 'ids' in e.op && was && e.op.ids.includes(was[0]));
        console.log('  entries', JSON.stringify(entries));
        const folderId = now?.[1].folder ?? '';
        const notes =
          ((await h.db.meta.get('outboxNotes'))?.value as { what: unknown; op?: { ids?: string[] } }[]) ?? [];
        console.log('  notes', JSON.stringify(notes.filter((n) => was && n.op?.ids?.includes(was[0]))));
        const row = was?.[0].slice(0, 16) ?? '?';
        for (const t of trace.filter((x) => x.includes(row)))
          console.log(
            '  request',
            t.slice(0, t.indexOf(' ')),
            /ToFolderId>(.{0,120})/.exec(t)?.[1]?.replace(/xmlns[^ >]*/g, '') ?? '',
            [...t.matchAll(/ItemId Id="([^"]+)"/g)].map((x) => x[1]).join(','),
            t.slice(t.lastIndexOf('=>')),
          );
        for (const line of said)
          if ((was && line.includes(was[0])) || (folderId && line.includes(folderId)))
            console.log('  did', line.slice(0, 300));
      }
    // Categories as sets: folded intents may reach the server in another order than they were made.
    const sameShape = ({ folder, isRead, flag, categories }: ServerMessage) => ({
      folder,
      isRead,
      flag,
      categories: [...categories].sort(),
    });
    expect(sortedObject(mapValues(got, sameShape))).toEqual(sortedObject(want));
    // Exactly once: no Message-ID twice anywhere.
    expect([...after.values()].filter((m) => m.count > 1)).toEqual([]);

    // Folders: each made once, with its last name, under the right parent.
    const serverTree = await h.serverFolders();
    for (const [id, f] of exp.folders) {
      const real = realFolder.get(id) ?? id;
      const found = serverTree.filter((s) => s.folderId!.id === real);
      expect(found, `folder ${f.name}`).toHaveLength(1);
      expect(found[0]!.displayName).toBe(f.name);
    }
    const madeNames = [...exp.folders].filter(([id]) => id.startsWith('local:')).map(([, f]) => f.name);
    for (const name of madeNames) expect(serverTree.filter((s) => s.displayName === name)).toHaveLength(1);

    // Every send delivered exactly once, with one copy in Sent Items.
    const [adaInbox] = await h.ews(
      FindItem,
      {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
        parentFolderIds: [{ distinguished: 'inbox' }],
      },
      ADA,
    );
    const delivered = new Map<string, number>();
    for (const it of adaInbox?.rootFolder?.items ?? [])
      delivered.set(it.subject ?? '', (delivered.get(it.subject ?? '') ?? 0) + 1);
    for (const s of sends) {
      expect(delivered.get(s.subject) ?? 0, s.subject).toBe(1);
      expect(await opIdCount(h, s.opId, 'sentitems'), s.subject).toBe(1);
      expect(await opIdCount(h, s.opId, 'drafts'), s.subject).toBe(0);
    }

    // Parked entries name messages by their current ids (moved ones have new ones).
    const keyOf = new Map([
      ...[...initial.messages].map(([id, m]) => [id, m.key] as const),
      ...[...after].map(([key, m]) => [m.id, key] as const),
    ]);
    // Parked only where the model says: moves into a folder the server lost, folders made under
    // one, what depends on those, and deletes for good of folders still holding what such a move
    // was to take out.
    const parkedDelete = (id: string) =>
      exp.parkedDeletes.has(id) || [...exp.parkedDeletes].some((d) => realFolder.get(d) === id);
    for (const e of left) {
      const op = e.op;
      const ok =
        (typeof e.error === 'object' && e.error.code === 'needs-failed') ||
        (op.kind === 'delete-folder' &&
          typeof e.error === 'object' &&
          e.error.code === 'holds-moved' &&
          parkedDelete(op.id)) ||
        (op.kind === 'move' &&
          op.ids.every((id) => exp.parkedMessages.has(e.local?.messageIds?.[id] ?? keyOf.get(id) ?? ''))) ||
        (op.kind === 'create-folder' && exp.parkedFolders.has(op.tempId));
      if (!ok && process.env['OUTBOX_DEBUG']) {
        const key = 'ids' in op ? keyOf.get(op.ids[0]!) : undefined;
        console.log('parked', key, JSON.stringify({ got: after.get(key ?? ''), want: exp.messages.get(key ?? '') }));
        for (const line of said) if (key && 'ids' in op && line.includes(initialId(key))) console.log('  did', line);
      }
      expect(ok, JSON.stringify(e)).toBe(true);
    }
    expect(left.filter((e) => typeof e.error === 'object' && e.error.code === 'holds-moved')).toHaveLength(
      exp.parkedDeletes.size,
    );
    const parkedKeys = new Set(left.flatMap((e) => (e.op.kind === 'move' ? e.op.ids.map((id) => keyOf.get(id)) : [])));
    // Every message whose last move could not happen is shown parked.
    for (const key of exp.strandedMessages)
      if (after.has(key)) {
        if (!parkedKeys.has(key) && process.env['OUTBOX_DEBUG']) {
          console.log('not parked', key, initialId(key), JSON.stringify(after.get(key)));
          for (const line of said) if (line.includes(initialId(key))) console.log('  did', line);
        }
        expect(parkedKeys.has(key), key).toBe(true);
      }

    // And the store equals the server.
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  }, 600_000);
});

async function expectViewEqualsStore(view: View) {
  const rows = await h.db.messages.toArray();
  expect(Object.fromEntries(rows.map((r) => [r.id, [r.folderId, !!r.isRead, r.flag, r.categories ?? []]]))).toEqual(
    Object.fromEntries([...view.messages].map(([id, m]) => [id, [m.folder, m.isRead, m.flag, m.categories]])),
  );
  const stored = (await h.db.folders.toArray()).filter(isMailFolder);
  expect(Object.fromEntries(stored.map((f) => [f.id, [f.name, f.parentId]]))).toEqual(
    Object.fromEntries([...view.folders].map(([id, f]) => [id, [f.name, f.parent]])),
  );
}

/** Model folder ids (temp ids of folders made offline) → the server's ids, by their unique names. */
async function folderIdsByName(folders: Map<string, { name: string }>): Promise<Map<string, string>> {
  const tree = await h.serverFolders();
  const out = new Map<string, string>();
  for (const [id, f] of folders)
    if (id.startsWith('local:')) {
      const found = tree.find((s) => s.displayName === f.name);
      if (found) out.set(id, found.folderId!.id);
    }
  return out;
}

const initialIds = new Map<string, string>();
const initialId = (key: string) => initialIds.get(key) ?? '?';
const keyKnown = (v: View, key: string) => [...v.messages.values()].some((m) => m.key === key);
const mapValues = <K, V, W>(m: Map<K, V>, f: (v: V) => W) => new Map([...m].map(([k, v]) => [k, f(v)]));
const sortedObject = <V>(m: Map<string, V>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
