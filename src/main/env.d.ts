/** What Vite (electron-vite) replaces in the main bundle at build time. */
interface ImportMetaEnv {
  /** True in `electron-vite build` (mode production), false under `electron-vite dev`. */
  readonly PROD: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
