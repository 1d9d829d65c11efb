import { gzipAsync } from '@gfx/zopfli';
import preact from '@preact/preset-vite';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The Tern server (npm start) answers these; in development Vite proxies them so the page and the
// service worker see one origin, as in production.
const SERVER = 'http://127.0.0.1:8080';
const proxied = ['/ews', '/api', '/signin', '/admin'];

/**
 * The EWS codec is pure (src/ews: no globals, no I/O), but its operation registry is built by a
 * call (`Object.fromEntries`) the bundler cannot prove pure, which kept every operation in the
 * worker. Declaring the codec's modules free of side effects lets unused operations drop out.
 */
function pureCodec(): Plugin {
  return {
    name: 'tern-pure-codec',
    transform(code, id) {
      return id.includes('/src/ews/') ? { code, map: null, moduleSideEffects: false } : undefined;
    },
  };
}

/**
 * saxes loads XML 1.1's character table (xmlchars/xml/1.1/ed2) for documents that declare version
 * 1.1, but the codec parses with `forceXMLVersion` and XML 1.0 (src/ews/xml/read.ts), so that
 * table is never consulted. The worker's build gives saxes the XML 1.0 table in its place, which
 * it carries anyway: had the codec ever read 1.1, the stricter 1.0 rules would refuse, not admit.
 */
function xml10Only(): Plugin {
  return {
    name: 'tern-xml10-only',
    enforce: 'pre',
    resolveId(id, importer) {
      return id === 'xmlchars/xml/1.1/ed2' ? this.resolve('xmlchars/xml/1.0/ed5', importer) : undefined;
    },
  };
}

/**
 * Terser's compressor (three passes, safe transforms only) over each chunk before the bundler's
 * own minifier: together they take off what neither does alone, about 0.7 KB gzipped of the
 * worker and 0.5 KB of the first load, both of which have a hard budget of 60 KB gzipped
 * (test/e2e/budgets.test.ts). Top-level names are mangled: a module chunk or the worker's function
 * wrapper keeps them private.
 */
function terserPass(): Plugin {
  return {
    name: 'tern-terser-pass',
    apply: 'build',
    async renderChunk(code, chunk, options) {
      if (!chunk.fileName.endsWith('.js')) return null;
      const module = options.format === 'es';
      const out = await minify(code, {
        module,
        toplevel: true,
        ecma: 2020,
        compress: { passes: 3 },
        format: { comments: false },
      });
      return out.code === undefined ? null : { code: out.code, map: null };
    },
  };
}

/**
 * Every script, style sheet, page and manifest of the build also as `<file>.gz`, compressed with
 * Zopfli: gzip any browser reads, 3–4% smaller than zlib's best (2 KB of the worker), too slow
 * to make per request, so made once here. The server sends it to browsers that take gzip
 * (src/server/static-files.ts), and the budgets count it (test/e2e/budgets.test.ts). Runs after
 * the worker is written.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tern-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const files = (await readdir(outDir, { recursive: true })).filter((f) =>
          /\.(js|css|html|svg|webmanifest)$/.test(f),
        );
        await Promise.all(
          files.map(async (f) => {
            const bytes = await readFile(join(outDir, f));
            // As the server: small files are not worth compressing.
            if (bytes.length >= 1024)
              await writeFile(join(outDir, `${f}.gz`), await gzipAsync(bytes, { numiterations: 15 }));
          }),
        );
      },
    },
  };
}

export default defineConfig({
  plugins: [
    pureCodec(),
    preact(),
    terserPass(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The page registers the worker itself (src/ui/register-sw.ts) so it can offer the update.
      injectRegister: false,
      // Icons are for installing, which needs the network anyway: keeping them out of the app
      // shell spares the worker their list (the plugin also listed them, and the manifest, twice).
      includeManifestIcons: false,
      // `npm run dev` runs the real worker too (as a module, from src/sw/sw.ts), so syncing works there.
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
      injectManifest: {
        // A classic script: every browser that runs Tern can load it, and it needs no import maps.
        rollupFormat: 'iife',
        buildPlugins: { vite: [pureCodec(), xml10Only(), terserPass()] },
        globPatterns: ['**/*.{js,css,html,svg}'],
        // The worker's bytes are budgeted, and every file of the app has an entry here. A hashed
        // asset's name is its version, so its entry needs no `"revision":null`; the others' MD5
        // only tells versions apart, which 40 bits of it do as well as 128.
        manifestTransforms: [
          (entries) => ({
            manifest: entries.map(({ revision, ...entry }) => ({
              ...entry,
              // workbox-build's type insists on the property; JSON leaves out an undefined one.
              revision: revision?.slice(0, 10) ?? (undefined as unknown as null),
            })),
          }),
        ],
      },
      manifest: {
        name: 'Tern',
        short_name: 'Tern',
        description: 'Offline-first Exchange mail',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0f4c81',
        background_color: '#f6f7f9',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    precompress(),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0'),
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Every file's name is listed in the worker, whose bytes are budgeted: 6 characters of hash
    // tell versions apart as well as the default 8, and the lazy chunks (some 25 of them) go by
    // their hash alone, which spares the worker 175 bytes gzipped of names no user sees.
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash:6].js',
        chunkFileNames: 'assets/[hash:6].js',
        assetFileNames: 'assets/[name]-[hash:6][extname]',
      },
    },
  },
  resolve: {
    // Dexie's default entry is its ES5 UMD build (for require()); the page and the worker each
    // bundle exactly one copy, so take the ES2018 module build, which is smaller.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: SERVER, changeOrigin: false }])),
  },
});
