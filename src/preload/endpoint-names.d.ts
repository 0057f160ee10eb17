/** The contract's endpoint names, written into the preload bundle by electron.vite.config.ts. */
declare const __ATALAYA_ENDPOINTS__: readonly string[];
