import { describe, expect, it } from 'vitest';
import { GetFolder, SoapFault, SyncFolderItems, decodeResponse, encodeRequest } from '../../src/ews/index.js';
import { ADA, DEMO, type MailboxConnection } from './ews-client.js';
import type { Contract } from './mailbox-contract.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function throttlingContract(contract: Contract, connect: () => Promise<MailboxConnection>): void {
  describe('throttling', () => {
    it('answers ErrorServerBusy in the response message beyond 5 concurrent sync calls (ConcurrentSyncCalls)', async () => {
      // A connection of its own: the budget the other tests spent would make the calls wait their turn.
      const conn = await connect();
      const request = encodeRequest(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: { distinguished: 'inbox' },
        maxChangesReturned: 5,
      });
      const answers = await Promise.all(Array.from({ length: 24 }, () => conn.send(DEMO, request))).finally(() =>
        conn.close(),
      );
      contract.record(answers);
      const messages = answers.map((a) => decodeResponse(SyncFolderItems, a).messages[0]!);
      const busy = messages.filter((m) => m.responseCode === 'ErrorServerBusy');
      expect(busy.length).toBeGreaterThan(0);
      expect(messages.filter((m) => m.responseClass === 'Success').length).toBeGreaterThanOrEqual(5);
      for (const m of busy) {
        expect(m.responseClass).toBe('Error');
        expect(Number(m.messageXml?.['BackOffMilliseconds'])).toBeGreaterThan(0);
        expect(m.messageText).toContain("'ConcurrentSyncCalls'");
        expect(m.syncState).toBe('');
        expect(m.includesLastItemInRange).toBe(true);
      }
    });

    it('faults ErrorServerBusy with BackOffMilliseconds once a user spends the request budget, for that user only', async () => {
      const conn = await connect();
      try {
        const request = encodeRequest(GetFolder, {
          folderShape: { baseShape: 'IdOnly' },
          folderIds: [{ distinguished: 'inbox' }],
        });
        let fault: SoapFault | undefined;
        for (let round = 0; round < 40 && !fault; round++) {
          const bodies = await Promise.all(Array.from({ length: 100 }, () => conn.send(ADA, request)));
          for (const body of bodies) {
            try {
              decodeResponse(GetFolder, body);
            } catch (e) {
              if (!(e instanceof SoapFault)) throw e;
              fault = e;
            }
          }
        }
        expect(fault?.code).toBe('ErrorServerBusy');
        expect(fault!.backOffMs).toBeGreaterThan(0);
        // The budget is per user: demo is served while ada waits.
        expect(decodeResponse(GetFolder, await conn.send(DEMO, request)).messages[0]!.responseCode).toBe('NoError');
        await sleep(fault!.backOffMs! + 50);
        expect(decodeResponse(GetFolder, await conn.send(ADA, request)).messages[0]!.responseCode).toBe('NoError');
      } finally {
        await conn.close();
      }
    });
  });
}
