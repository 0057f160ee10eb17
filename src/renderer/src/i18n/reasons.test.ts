import { describe, expect, it } from 'vitest';
import { REASON_CODES, reasonText } from '../../../shared';
import { engineErrorText } from './engine-errors';
import { isMessageKey } from './i18n';
import { describeReason } from './reasons';

describe('engine reasons in the desk', () => {
  it('has words for every reason of the catalogue', () => {
    expect(REASON_CODES.filter((c) => !isMessageKey(`reason.${c}`))).toEqual([]);
  });

  it('says a sourcing reason in each language', () => {
    const text = reasonText('sourcing.no_stock');
    expect(describeReason('es', text, ['sourcing'])).toBe('Ninguna ubicación tiene stock disponible para todas las líneas.');
    expect(describeReason('pt-BR', text, ['sourcing'])).toBe('Nenhum local tem estoque disponível para todos os itens.');
    expect(describeReason('en', text, ['sourcing'])).toBe('No location has available stock for every line.');
  });

  it('translates nested reasons and lists, item by item', () => {
    const tried = [
      reasonText('sourcing.strategy_failed', {
        strategy: 'cheapest',
        failure: reasonText('sourcing.line_short', { quantity: 3, sku: 'MATE-1' }),
      }),
      reasonText('sourcing.strategy_failed', { strategy: 'nearest', failure: reasonText('sourcing.too_many_splits', { maxSplits: 2 }) }),
    ].join('; ');
    expect(describeReason('es', tried, ['sourcing'])).toBe(
      'cheapest: ninguna ubicación elegible tiene 3 del SKU MATE-1; nearest: ningún conjunto de hasta 2 ubicaciones cubre todas las líneas',
    );
    const quarantined = reasonText('intake.not_normalised', {
      externalId: '1042',
      issues: `shipTo: ${reasonText('intake.address_required')}; lines.0.qty: Too small`,
    });
    expect(describeReason('pt-BR', quarantined, ['intake'])).toBe(
      'O pedido 1042 não pode ser recebido: shipTo: a entrega em domicílio precisa de um endereço; lines.0.qty: Too small',
    );
  });

  it('names where coordinates came from without GeoNames codes', () => {
    const gazetteer = reasonText('geo.gazetteer', { place: 'Córdoba', country: 'AR', admin1: '05', geonamesId: '3860259' });
    expect(describeReason('es', gazetteer, ['geo'])).toBe('la ciudad de Córdoba (AR) en el nomenclátor GeoNames');
    expect(describeReason('pt-BR', 'channel', ['geo'])).toBe('o canal');
  });

  it('leaves what it does not know, or what does not belong where it is shown, as written', () => {
    expect(describeReason('es', 'the carrier lost it')).toBe('the carrier lost it');
    // A planner's note that reads like a geocoding source is not one in the timeline.
    expect(describeReason('es', 'channel', ['sourcing'])).toBe('channel');
  });
});

describe('engine errors in the desk', () => {
  it('says the engine is unreachable in the desk language', () => {
    const e = { code: 'UNAVAILABLE', message: 'The engine cannot be reached (Failed to fetch)' };
    expect(engineErrorText('es', e)).toMatch(/^No se puede conectar con el motor/);
    expect(engineErrorText('pt-BR', e)).toMatch(/^Não é possível conectar ao motor/);
  });

  it('names the service that is down, and when to retry', () => {
    expect(
      engineErrorText('es', { code: 'UNAVAILABLE', message: 'The database cannot be reached right now; retry in a few seconds' }),
    ).toMatch(/base de datos/);
    expect(engineErrorText('pt-BR', { code: 'RATE_LIMITED', message: 'Too many', retryAfterSeconds: 7 })).toBe(
      'Solicitações demais; tente de novo em 7 s.',
    );
  });

  it("keeps the engine's own message where it says more", () => {
    expect(engineErrorText('es', { code: 'VALIDATION_FAILED', message: 'lines.0.quantity: too small' })).toBeNull();
  });
});

describe('a quarantined order as the desk shows it', () => {
  it('translates an issue whose own sentence has a "; " in it', () => {
    const text =
      'order E2E-Q-1 cannot be normalised: lines.0.channelSku: SKU "SKU-TYPO" is not in the catalog and this channel has no mapping for it; map it in Channels → SKU mappings, or correct the line';
    expect(describeReason('es', text, ['intake'])).toBe(
      'El pedido E2E-Q-1 no se puede tomar: lines.0.channelSku: el SKU "SKU-TYPO" no está en el catálogo y este canal no tiene un mapeo para él; mapealo en Canales → Mapeos de SKU, o corregí la línea',
    );
  });
});
