import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const PAGE = fileURLToPath(new URL('./page/', import.meta.url));

/**
 * Bundles the bench page (page/index.html → the real engine, store and transport) with Vite's JS
 * API into a temporary folder the Tern server serves as its app. Not minified, so CPU profiles
 * name the engine's functions; V8 runs both forms alike.
 */
export async function buildBenchPage(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tern-sync-bench-page-'));
  await build({
    configFile: false,
    root: PAGE,
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, target: 'es2022', minify: false, modulePreload: false },
    // As the app's build does (vite.config.ts): Dexie's module build, not its UMD entry.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
