import type { DeskApi } from '../../shared';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a browser, where the desk talks HTTP + WebSocket. */
    atalaya?: DeskApi;
  }
}
export {};
