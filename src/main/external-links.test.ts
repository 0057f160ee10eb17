import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => undefined);
vi.mock('electron', () => ({ shell: { openExternal } }));

const { isAllowedExternalLink, openExternalLink } = await import('./external-links');

describe('opening links outside the desk', () => {
  beforeEach(() => openExternal.mockClear());

  it('hands https: and mailto: links to the system, through shell.openExternal', () => {
    expect(openExternalLink('https://www.openstreetmap.org/copyright')).toBe(true);
    expect(openExternalLink('mailto:soporte@example.com?subject=Pedido%2042')).toBe(true);
    expect(openExternal.mock.calls.map(([u]) => u)).toEqual([
      'https://www.openstreetmap.org/copyright',
      'mailto:soporte@example.com?subject=Pedido%2042',
    ]);
  });

  it('refuses every other scheme, credentials in the URL, junk and very long URLs — without calling the shell', () => {
    const refused = [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'app://desk/',
      'https://bank.example@evil.example/',
      'https://user:pass@example.com/',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(2_100)}`,
    ];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const url of refused) {
      expect(isAllowedExternalLink(url), url).toBe(false);
      expect(openExternalLink(url), url).toBe(false);
    }
    expect(isAllowedExternalLink(42 as unknown as string)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });
});
