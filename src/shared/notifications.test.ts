import { describe, expect, it } from 'vitest';
import { localeFallbacks } from './notifications';

describe('localeFallbacks', () => {
  it('goes from the most specific locale to English', () => {
    expect(localeFallbacks('es-AR')).toEqual(['es-AR', 'es', 'en']);
    expect(localeFallbacks('pt-BR')).toEqual(['pt-BR', 'pt', 'en']);
    expect(localeFallbacks('en')).toEqual(['en']);
    expect(localeFallbacks('en-US')).toEqual(['en-US', 'en']);
  });
  it('tries a variant of the same language we write templates in before English', () => {
    expect(localeFallbacks('pt-PT')).toEqual(['pt-PT', 'pt', 'pt-BR', 'en']);
    expect(localeFallbacks('pt')).toEqual(['pt', 'pt-BR', 'en']);
    expect(localeFallbacks('es-MX')).toEqual(['es-MX', 'es', 'es-AR', 'en']);
  });
  it('accepts underscores and ignores case when de-duplicating', () => {
    expect(localeFallbacks('es_AR')).toEqual(['es-AR', 'es', 'en']);
    expect(localeFallbacks('ES-ar')).toEqual(['ES-ar', 'ES', 'en']);
  });
});
