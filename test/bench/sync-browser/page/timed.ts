import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';
import type { Transport } from '../../../../src/sync/index.js';
import type { BusyClock } from './busy-time.js';

/** The transport, with each request's time in flight on the busy clock. */
export function timedTransport(transport: Transport, clock: BusyClock): Transport {
  return async (soap, signal) => {
    const end = clock.start('network');
    try {
      return await transport(soap, signal);
    } finally {
      end();
    }
  };
}

/**
 * A Dexie middleware that puts every transaction's life, from creation to commit or abort, on the
 * busy clock: readwrite ones as writes, readonly ones as reads. Dexie's IndexedDB core hands back
 * the IDBTransaction itself.
 * @see https://dexie.org/docs/Dexie/Dexie.use()
 */
export function timedTransactions(clock: BusyClock): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'bench-busy-time',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options): DBCoreTransaction {
        const tx = down.transaction(stores, mode, options);
        if (tx instanceof IDBTransaction) {
          const end = clock.start(mode === 'readwrite' ? 'write' : 'read');
          for (const event of ['complete', 'abort']) tx.addEventListener(event, end);
        }
        return tx;
      },
    }),
  };
}
