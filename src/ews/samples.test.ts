import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from './soap/envelope.js';
import { SyncFolderItems } from './operations/sync-folder-items.js';
import { SoapFault } from './errors.js';

const sample = (n: string) => readFileSync(new URL(`../../../shared/ews-samples/${n}`, import.meta.url), 'utf8');

describe('SyncFolderItems samples', () => {
  it('reads Update, Create, Create, ReadFlagChange, Delete in server order (S20)', () => {
    const { messages } = decodeResponse(
      SyncFolderItems,
      sample('20-msdocs-ex2013-syncfolderitems-update-create-readflagchange-delete.xml'),
    );
    const m = messages[0]!;
    expect(m.responseClass).toBe('Success');
    expect(m.changes!.map((c) => c.type)).toEqual(['Update', 'Create', 'Create', 'ReadFlagChange', 'Delete']);
  });
  it('reads ErrorServerBusy in a response message with its back-off (S13)', () => {
    const { messages } = decodeResponse(
      SyncFolderItems,
      sample('13-ewsrs-o365-syncfolderitems-errorserverbusy-concurrentsynccalls.xml'),
    );
    expect(messages[0]!.responseCode).toBe('ErrorServerBusy');
    expect(messages[0]!.messageXml).toEqual({ BackOffMilliseconds: '5000' });
  });
  it('throws a SoapFault with the back-off for the fault form (S16)', () => {
    expect(() =>
      decodeResponse(SyncFolderItems, sample('16-exchangelib-fault-errorserverbusy-backoffmilliseconds.xml')),
    ).toThrow(SoapFault);
    try {
      decodeResponse(SyncFolderItems, sample('16-exchangelib-fault-errorserverbusy-backoffmilliseconds.xml'));
    } catch (e) {
      expect((e as SoapFault).code).toBe('ErrorServerBusy');
      expect((e as SoapFault).backOffMs).toBe(297749);
    }
  });
});
