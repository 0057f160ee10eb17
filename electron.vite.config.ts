import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { SQL_FUNCTIONS_BUNDLE_DIR } from './src/engine/db/sql-functions';
import { withCspMeta } from './src/main/csp-meta';
import { ENDPOINTS } from './src/shared/contract';
import { deskCsp } from './src/shared/csp';

/**
 * The engine's Postgres functions (src/engine/db/functions/*.sql) are read at run time: copy them
 * beside the main-process bundle, where src/engine/db/sql-functions.ts looks for them.
 */
function copySqlFunctions(): Plugin {
  const dir = resolve(__dirname, 'src/engine/db/functions');
  const files = () => readdirSync(dir).filter((f) => f.endsWith('.sql'));
  return {
    name: 'atalaya-sql-functions',
    buildStart() {
      for (const f of files()) this.addWatchFile(join(dir, f));
    },
    generateBundle() {
      for (const f of files()) {
        this.emitFile({ type: 'asset', fileName: `${SQL_FUNCTIONS_BUNDLE_DIR}/${f}`, source: readFileSync(join(dir, f), 'utf8') });
      }
    },
  };
}

/**
 * The page's Content-Security-Policy meta tag, written from src/shared/csp.ts (the one policy the
 * web host's header and Electron's session also send) instead of by hand in index.html. A tile
 * server configured at run time is added by whoever serves the page (Electron's app: protocol).
 */
function deskCspMetaTag(): Plugin {
  return {
    name: 'atalaya-desk-csp',
    transformIndexHtml: { order: 'post', handler: (html) => withCspMeta(html, deskCsp({ asMetaTag: true })) },
  };
}

/**
 * Three builds: the Electron main process (with the engine's utility-process entry beside it), the
 * preload bridge, and the renderer. The renderer bundle is also what the web host serves, so the
 * browser desk and the Electron desk are the same code.
 */
export default defineConfig({
  main: {
    plugins: [copySqlFunctions()],
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'engine-process': resolve(__dirname, 'src/main/engine-process.ts'),
        },
      },
    },
  },
  preload: {
    // The endpoint names the preload lets through, from the contract (the preload must not bundle zod).
    define: { __ATALAYA_ENDPOINTS__: JSON.stringify(ENDPOINTS) },
    build: {
      // A sandboxed preload cannot require node_modules: bundle everything it uses.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Minified: the desk's first bundle is parsed before the first page shows (about half the parse time of the readable build).
    build: { minify: true, rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
    plugins: [react(), deskCspMetaTag()],
  },
});
