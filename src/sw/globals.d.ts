/**
 * Events the WebWorker lib does not declare yet, typed as Workbox declares them
 * (workbox-background-sync/src/index.ts).
 * @see https://wicg.github.io/background-sync/spec/
 * @see https://wicg.github.io/periodic-background-sync/
 */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

interface PeriodicSyncEvent extends ExtendableEvent {
  readonly tag: string;
}

interface ServiceWorkerGlobalScopeEventMap {
  sync: SyncEvent;
  periodicsync: PeriodicSyncEvent;
}
