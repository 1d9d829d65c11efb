import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoapFault, SyncFolderItems, type FolderId, type ItemChange, type ItemId } from '../../src/ews/index.js';
import { validateEws } from '../support/xsd.js';
import { EwsClient, DEMO, type MailboxConnection } from './ews-client.js';
import { changeKindsContract } from './contract-changes.js';
import { errorsContract, isolationContract } from './contract-errors.js';
import { draftsContract, sendContract } from './contract-send.js';
import { foldersContract, operationsContract } from './contract-operations.js';
import { dialectsContract } from './contract-dialects.js';
import { throttlingContract } from './contract-throttling.js';
import { Mutator } from './mutator.js';

export type { MailboxConnection } from './ews-client.js';

/** A contract group: gets a way to make clients on a live connection. */
export interface Contract {
  client(user?: string): EwsClient;
  connection(): MailboxConnection;
  /** Keeps answers got outside a client for the schema check. */
  record(bodies: string[]): void;
}

/**
 * The behaviour every implementation of the embedded EWS mailbox shows, whatever carries the SOAP:
 * the mailbox in process, or the Tern server over HTTP. Requests are encoded and answers decoded
 * by the codec; every answer that is not a fault must be valid against the Exchange2013_SP1
 * schema.
 */
export function describeMailboxContract(name: string, connect: () => Promise<MailboxConnection>): void {
  describe(`${name}: the EWS mailbox contract`, () => {
    let conn: MailboxConnection;
    const answers: string[] = [];
    const contract: Contract = {
      client: (user = DEMO) => new EwsClient(conn, user, answers),
      connection: () => conn,
      record: (bodies) => answers.push(...bodies),
    };
    beforeAll(async () => {
      conn = await connect();
    });
    afterAll(async () => {
      await conn?.close();
    });

    describe('initial sync while the folder changes', () => {
      let folder: FolderId;
      let other: FolderId;
      beforeAll(async () => {
        const c = contract.client();
        folder = await c.createFolder('Paging');
        other = await c.createFolder('Paging elsewhere');
        await c.fill(folder, 1300, 'Paged');
        await c.fill(other, 60, 'Elsewhere');
      });

      it('pages newest first (DateTimeReceived never goes up)', async () => {
        const c = contract.client();
        const { changes } = await c.syncAll(other, undefined, 7, { baseShape: 'Default' });
        const dates = changes.map((ch) => (ch.type === 'Create' ? ch.item.dateTimeReceived! : ''));
        expect(changes.every((ch) => ch.type === 'Create')).toBe(true);
        expect(dates).toEqual([...dates].sort().reverse());
        expect(changes).toHaveLength(60);
      });

      it.each([512, 7, 1])(
        'pages of %i: no duplicate and no gap while items come, go, move and change',
        async (max) => {
          const c = contract.client();
          const mutate = new Mutator(c, folder, other, max);
          const known = new Map<string, boolean>();
          const problems: string[] = [];
          let state: string | undefined;
          for (let page = 0; ; page++) {
            const m = await c.one(SyncFolderItems, {
              itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:IsRead' }] },
              syncFolderId: folder,
              ...(state ? { syncState: state } : {}),
              maxChangesReturned: max,
            });
            expect(m.changes!.length).toBeLessThanOrEqual(max);
            const seen = new Set<string>();
            for (const ch of m.changes!) {
              const id = idOf(ch);
              if (seen.has(id)) problems.push(`page ${page}: ${id} twice`);
              seen.add(id);
              apply(known, ch, problems);
            }
            state = m.syncState!;
            if (m.includesLastItemInRange && mutate.done) break;
            await mutate.step(page);
          }
          expect(problems).toEqual([]);
          expect(mutate.applied).toBeGreaterThanOrEqual(12);
          const truth = await c.list(folder);
          expect([...known.keys()].sort()).toEqual([...truth.keys()].sort());
          for (const [id, isRead] of truth) expect(known.get(id), id).toBe(isRead);
        },
      );
    });

    changeKindsContract(contract);
    errorsContract(contract);
    isolationContract(contract);
    sendContract(contract);
    draftsContract(contract);
    operationsContract(contract);
    foldersContract(contract);
    dialectsContract(contract);
    throttlingContract(contract, connect);

    it('answers only schema-valid EWS (the non-fault answers of this run, up to 150 per operation)', async () => {
      const bodies = sample(answers.filter((b) => !b.includes(':Fault>')));
      expect(bodies.length).toBeGreaterThan(100);
      const results = await Promise.all(bodies.map((b) => validateEws(b)));
      const invalid = results.flatMap((r, n) =>
        r.valid ? [] : [`${r.errors.slice(0, 3).join(' | ')} in ${bodies[n]!.slice(0, 300)}`],
      );
      expect(invalid.slice(0, 5)).toEqual([]);
    });
  });
}

/** At most `per` answers of each operation, spread over the run (the paging test alone makes thousands). */
function sample(bodies: string[], per = 150): string[] {
  const byOp = new Map<string, string[]>();
  for (const b of bodies) {
    const op = /<m:(\w+)Response[ >]/.exec(b)?.[1] ?? '?';
    (byOp.get(op) ?? byOp.set(op, []).get(op)!).push(b);
  }
  return [...byOp.values()].flatMap((list) => list.filter((_, i) => i % Math.ceil(list.length / per) === 0));
}

export function idOf(c: ItemChange): string {
  return 'item' in c ? c.item.itemId!.id : c.itemId.id;
}

/** A client's copy of the folder: id → IsRead. Notes what a correct server never makes it do. */
export function apply(known: Map<string, boolean>, c: ItemChange, problems: string[]): void {
  const id = idOf(c);
  switch (c.type) {
    case 'Create':
      if (known.has(id)) problems.push(`Create of ${id}, which the client has`);
      known.set(id, c.item.isRead ?? known.get(id) ?? false);
      break;
    case 'Update':
      if (!known.has(id)) problems.push(`Update of ${id}, which the client never got`);
      known.set(id, c.item.isRead ?? known.get(id) ?? false);
      break;
    case 'ReadFlagChange':
      if (!known.has(id)) problems.push(`ReadFlagChange of ${id}, which the client never got`);
      known.set(id, c.isRead);
      break;
    case 'Delete':
      known.delete(id);
      break;
  }
}

export const itemIdOf = (c: ItemChange): ItemId => ('item' in c ? c.item.itemId! : c.itemId);
export { SoapFault };
