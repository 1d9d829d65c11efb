/**
 * `npm start`: build the PWA when the sources are newer than `dist/`, then run the Tern server
 * (which reads its own flags: --port, --host, --data, --upstream, --seed-messages, --smtp-port).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['index.html', 'vite.config.ts', 'public', 'src/ui', 'src/sw', 'src/db', 'src/sync', 'src/ews'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

const built = join(root, 'dist', 'index.html');
const stale = !existsSync(built) || inputs.some((p) => newest(join(root, p)) > statSync(built).mtimeMs);
if (stale && existsSync(join(root, 'index.html'))) {
  console.log('Building the app (the sources changed since the last build)…');
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the errors above. The server will not start with a broken app.');
    process.exit(result.status ?? 1);
  }
}

await import('../src/server/main.js');
