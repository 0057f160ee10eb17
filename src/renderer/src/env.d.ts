import type { DeskApi, SessionBridge } from '../../shared';

declare global {
  interface Window {
    /**
     * The Electron preload bridge; absent in a browser, where the desk talks HTTP + WebSocket.
     * `session` signs the window in and out (the main process keeps the token).
     */
    atalaya?: DeskApi & { session?: SessionBridge };
  }
}
export {};
