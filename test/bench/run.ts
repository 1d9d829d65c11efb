/**
 * `npm run bench [name…]`: every benchmark, or the ones named (codec, mailbox, proxy, sync, sync-browser, tombstones, ui).
 * Each prints its own table; none asserts anything. Figures on a shared machine move: read the
 * CPU-time columns where a benchmark prints them.
 */
export {};

const benches: Record<string, () => Promise<void>> = {
  codec: async () => (await import('./codec.js')).benchCodec(),
  mailbox: async () => (await import('./mailbox.js')).benchMailbox(),
  proxy: async () => (await import('./proxy.js')).benchProxy(),
  sync: async () => (await import('./sync-node.js')).benchSyncNode(),
  'sync-browser': async () => (await import('./sync-browser.js')).benchSyncBrowser(),
  tombstones: async () => (await import('./tombstones.js')).benchTombstones(),
  ui: async () => (await import('./ui.js')).benchUi(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}.`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  console.log(`\n## ${name}\n`);
  await benches[name]!();
}
