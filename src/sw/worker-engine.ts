import { WORK_OFFLINE, openMailDB, type MailDB } from '../db/index.js';
import { createEngine, type Engine } from '../sync/engine.js';
import { fetchTransport } from '../sync/transport.js';
import { broadcast } from './broadcast.js';

interface Host {
  db: MailDB;
  engine: Engine;
}

let current: Promise<Host> | undefined;

function host(): Promise<Host> {
  current ??= (async () => {
    const db = openMailDB(undefined, {
      // A newer schema or a sign-out deleted the database: this connection is closed for good,
      // so the next event opens a fresh one.
      onVersionChange: () => {
        current = undefined;
      },
    });
    const engine = createEngine({ db, transport: fetchTransport('/ews'), emit: (event) => void broadcast(event) });
    if ((await db.meta.get(WORK_OFFLINE))?.value === true) engine.setPaused(true);
    return { db, engine };
  })();
  return current;
}

/** The engine of this worker, created on first use. */
export async function engine(): Promise<Engine> {
  return (await host()).engine;
}

export async function setPaused(paused: boolean): Promise<void> {
  const { db, engine } = await host();
  // Stored: "Work offline" must outlive the worker, which the browser stops after 30 s idle.
  await db.meta.put({ key: WORK_OFFLINE, value: paused });
  engine.setPaused(paused);
  if (!paused) await engine.runPass('user');
}
