import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import config from '../../electron.vite.config';
import { deskCsp } from '../shared';
import { withCspMeta } from './csp-meta';

const metaPolicies = (html: string) => [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);

describe("the page's CSP meta tag", () => {
  it('is written right after <head>, replacing any tag already there', () => {
    const html = '<html><head>\n<meta http-equiv="Content-Security-Policy" content="default-src *" />\n<title>x</title></head></html>';
    const out = withCspMeta(html, "default-src 'self'");
    expect(metaPolicies(out)).toEqual(["default-src 'self'"]);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<title>'));
    expect(withCspMeta(out, "default-src 'none'")).not.toContain("default-src 'self'");
  });

  it('refuses a page without <head> rather than serving it without a policy', () => {
    expect(() => withCspMeta('<p>hi</p>', "default-src 'self'")).toThrow(/no <head>/);
  });

  it('is what the build writes into the desk: deskCsp as a meta tag, and no hand-written policy left in index.html', async () => {
    const source = readFileSync('src/renderer/index.html', 'utf8');
    expect(source).not.toMatch(/Content-Security-Policy/i);
    const renderer = (config as { renderer?: { plugins?: unknown[] } }).renderer;
    const plugin = renderer?.plugins?.flat().find((p) => (p as Plugin | null)?.name === 'atalaya-desk-csp') as Plugin | undefined;
    const hook = plugin?.transformIndexHtml;
    expect(hook && typeof hook === 'object' && 'handler' in hook).toBe(true);
    const handler = (hook as { handler: (html: string) => string }).handler;
    const built = handler(source);
    expect(metaPolicies(built)).toEqual([deskCsp({ asMetaTag: true })]);
    // The policy itself: no remote scripts, no http: images or connections.
    expect(deskCsp({ asMetaTag: true })).not.toMatch(/http:|frame-ancestors/);
  });

  it('admits a configured tile server (and only its origin) when the page is served with one', () => {
    const policy = deskCsp({ tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', asMetaTag: true });
    expect(policy).toContain("img-src 'self' data: blob: https://*.tile.example.org");
    expect(policy).toMatch(/connect-src 'self'(;|$)/);
  });
});
