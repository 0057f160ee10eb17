import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isInside, mimeOf, resolveDeskRequest } from './desk-protocol';

/** A built desk (out/renderer) beside a secret, to climb to. */
const base = mkdtempSync(join(tmpdir(), 'atalaya-desk-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<html><head></head></html>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, 'assets', 'marker.svg'), '<svg/>');
writeFileSync(join(base, 'secret.txt'), 'the engine key');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const isFile = (p: string) =>
  ['index.html', 'assets/index-abc.js', 'assets/index-abc.css', 'assets/marker.svg'].some((f) => p === join(root, f));
const resolveUrl = (url: string) => resolveDeskRequest(url, root, isFile);

describe('what app://desk/ serves', () => {
  it('serves the page at the root and its assets with their media types; only the page is the document', () => {
    expect(resolveUrl('app://desk/')).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
      document: true,
    });
    expect(resolveUrl('app://desk/index.html')).toMatchObject({ ok: true, document: true });
    expect(resolveUrl('app://desk/assets/index-abc.js')).toEqual({
      ok: true,
      file: join(root, 'assets/index-abc.js'),
      mime: 'text/javascript; charset=utf-8',
      document: false,
    });
    expect(resolveUrl('app://desk/assets/index-abc.css')).toMatchObject({ mime: 'text/css; charset=utf-8' });
    expect(resolveUrl('app://desk/assets/marker.svg?v=2#x')).toMatchObject({ mime: 'image/svg+xml' });
    expect(mimeOf('a.woff2')).toBe('font/woff2');
    expect(mimeOf('a.unknown')).toBe('application/octet-stream');
  });

  it('answers a route of the desk with the page (SPA fallback), but a missing file with 404', () => {
    expect(resolveUrl('app://desk/orders/ord_1')).toMatchObject({ ok: true, file: join(root, 'index.html'), document: true });
    expect(resolveUrl('app://desk/map')).toMatchObject({ ok: true, document: true });
    expect(resolveUrl('app://desk/assets/gone-123.js')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('app://desk/assets/chunk')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('app://desk/favicon.ico')).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses every way out of the folder: .., encoded .. and slashes, backslashes, NUL', () => {
    for (const url of [
      'app://desk/..%2Fsecret.txt',
      'app://desk/assets/..%2F..%2Fsecret.txt',
      'app://desk/%2e%2e%2Fsecret.txt',
      'app://desk/assets%2F..%2F..%2Fsecret.txt',
      'app://desk/..%5Csecret.txt',
      'app://desk/assets\\..\\..\\secret.txt',
      'app://desk/index.html%00.js',
      'app://desk/.%2Findex.html',
    ]) {
      const r = resolveUrl(url);
      expect(r.ok, url).toBe(false);
      expect(r.ok ? 0 : r.status, url).toBe(403);
    }
    // The URL parser already folds plain dot segments: what is left stays inside (and is a route).
    expect(resolveUrl('app://desk/../secret.txt')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('app://desk/assets/../../secret.txt')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('app://desk/%2E%2E/secret.txt')).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses malformed encoding, other hosts and other schemes', () => {
    expect(resolveUrl('app://desk/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveUrl('app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('file:///index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveUrl('not a url')).toMatchObject({ ok: false, status: 400 });
  });

  it('checks containment by path, not by prefix', () => {
    expect(isInside(root, join(root, 'assets/a.js'))).toBe(true);
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, `${root}-evil/index.html`)).toBe(false);
    expect(isInside(root, join(base, 'secret.txt'))).toBe(false);
    expect(isInside(root, join(root, '..', 'secret.txt'))).toBe(false);
    // A file whose name merely starts with two dots is inside.
    expect(isInside(root, join(root, '..hidden'))).toBe(true);
  });
});
