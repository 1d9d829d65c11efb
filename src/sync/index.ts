/** The sync engine: what the service worker wires and what pages may run (benchmarks). */
export { createEngine, type Engine, type EngineDeps, type PassReport } from './engine.js';
export { fetchTransport, readResponse, TransportError, type Transport, type TransportErrorKind } from './transport.js';
export { systemClock, manualClock, type Clock } from './clock.js';
export { DEFAULT_SETTINGS, type SyncSettings } from './settings.js';
export { deriveConnection, type ConnectionInputs } from './connection.js';
export type { RequestStats, Outcome } from './client.js';
export type { PassSummary } from './pass.js';
export { SYNC_LOCK } from './single-flight.js';
export * from './protocol.js';
