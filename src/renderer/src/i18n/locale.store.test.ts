import { afterEach, describe, expect, it, vi } from 'vitest';

/** The store reads storage when its module loads: each case loads it afresh over its own storage. */
async function storeOver(saved: Record<string, string>, language?: string) {
  const items = new Map(Object.entries(saved));
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  });
  vi.stubGlobal('navigator', { language });
  vi.resetModules();
  const { useLocaleStore } = await import('./locale.store');
  return { store: useLocaleStore, items };
}

describe('locale store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts in the stored choice, Brazilian Portuguese included', async () => {
    expect((await storeOver({ 'atalaya.locale': 'pt-BR' }, 'en-US')).store.getState().locale).toBe('pt-BR');
    expect((await storeOver({ 'atalaya.locale': 'en' }, 'es-AR')).store.getState().locale).toBe('en');
  });

  it('ignores a stored value that is no desk language, and follows the system language', async () => {
    expect((await storeOver({ 'atalaya.locale': 'fr' }, 'pt-BR')).store.getState().locale).toBe('pt-BR');
    expect((await storeOver({}, 'es-MX')).store.getState().locale).toBe('es');
  });

  it('remembers a change', async () => {
    const { store, items } = await storeOver({}, 'en-GB');
    store.getState().localeChanged('pt-BR');
    expect(store.getState().locale).toBe('pt-BR');
    expect(items.get('atalaya.locale')).toBe('pt-BR');
  });
});
