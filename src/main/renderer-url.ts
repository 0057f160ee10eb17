import { DESK_URL } from './desk-protocol';

export interface RendererUrlInputs {
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev` for its dev server. */
  devServerUrl: string | undefined;
  /** `app.isPackaged`: an installed app. */
  isPackaged: boolean;
  /**
   * A production build (`import.meta.env.PROD` in main). electron-vite 6 builds main with Vite's
   * mode — `production` for `electron-vite build`, `development` for `electron-vite dev` — and
   * leaves `process.env` alone (NODE_ENV is not defined into the bundle), so `import.meta.env.PROD`,
   * replaced at build time, is the signal; an environment variable would be the user's to set.
   */
  productionBuild: boolean;
}

/**
 * Where the window loads the desk from: the dev server only in development, and only on this
 * machine; otherwise the built desk at `app://desk/`. An environment variable must not point an
 * installed or production-built desk — and the engine bridge it is trusted with — at another page.
 */
export function rendererUrl({ devServerUrl, isPackaged, productionBuild }: RendererUrlInputs): string {
  if (!devServerUrl || isPackaged || productionBuild) return DESK_URL;
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    return DESK_URL;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : DESK_URL;
}
