import { describe, expect, it } from 'vitest';
import { DESK_URL } from './desk-protocol';
import { rendererUrl } from './renderer-url';

const dev = 'http://localhost:5173/';

describe('where the window loads the desk from', () => {
  it('uses the dev server only in development: not packaged and not a production build', () => {
    expect(rendererUrl({ devServerUrl: dev, isPackaged: false, productionBuild: false })).toBe(dev);
    expect(rendererUrl({ devServerUrl: dev, isPackaged: true, productionBuild: false })).toBe(DESK_URL);
    expect(rendererUrl({ devServerUrl: dev, isPackaged: false, productionBuild: true })).toBe(DESK_URL);
    expect(rendererUrl({ devServerUrl: dev, isPackaged: true, productionBuild: true })).toBe(DESK_URL);
  });
  it('serves the built desk when no dev server is set', () => {
    expect(rendererUrl({ devServerUrl: undefined, isPackaged: false, productionBuild: false })).toBe('app://desk/');
    expect(rendererUrl({ devServerUrl: '', isPackaged: false, productionBuild: false })).toBe(DESK_URL);
  });
  it('even in development, only an http(s) server on this machine', () => {
    const inDev = (url: string) => rendererUrl({ devServerUrl: url, isPackaged: false, productionBuild: false });
    expect(inDev('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/');
    expect(inDev('http://[::1]:5173')).toBe('http://[::1]:5173/');
    for (const url of ['https://evil.example/', 'http://10.0.0.5:5173/', 'file:///tmp/evil.html', 'javascript:alert(1)', 'not a url']) {
      expect(inDev(url), url).toBe(DESK_URL);
    }
  });
});
