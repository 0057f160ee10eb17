import { describe, expect, it } from 'vitest';
import { meError, meEvents, quotesFrom } from './melhorenvio-payload';

describe('Melhor Envio payloads', () => {
  it('reads quotes in reais, the custom price and time first, leaving out services with an error', () => {
    expect(
      quotesFrom([
        {
          id: '1',
          name: 'PAC',
          price: 30,
          custom_price: 27.5,
          currency: 'R$',
          delivery_time: 7,
          custom_delivery_time: 8,
          company: { name: 'Correios' },
        },
        { id: '3', name: '.Package', error: 'Transportadora não atende este trecho.', company: { name: 'Jadlog' } },
        { id: '4', name: 'Sem prazo', price: 10, currency: 'R$' },
      ]),
    ).toEqual([{ service: '1', serviceName: 'Correios PAC', price: { amount: 27.5, currency: 'BRL' }, transitDays: 8 }]);
  });

  it('turns milestone times into events oldest first (Brasília time when no zone is given)', () => {
    const events = meEvents({
      id: 'o1',
      status: 'delivered',
      created_at: '2026-05-01 10:00:00',
      paid_at: '2026-05-01 10:05:00',
      generated_at: '2026-05-01 10:06:00',
      posted_at: '2026-05-02 09:00:00',
      delivered_at: '2026-05-04 15:30:00',
      canceled_at: null,
      expired_at: null,
    });
    expect(events.map((e) => [e.carrierCode, e.status])).toEqual([
      ['pending', null],
      ['released', null],
      ['generated', null],
      ['posted', 'in_transit'],
      ['delivered', 'delivered'],
    ]);
    expect(events.at(-1)!.occurredAt.toISOString()).toBe('2026-05-04T18:30:00.000Z');
  });

  it('keeps a status without a milestone — known or not — at the latest time, and an expired cart as cancelled', () => {
    const base = { id: 'o2', created_at: '2026-05-01 10:00:00', paid_at: '2026-05-01 11:00:00' };
    expect(meEvents({ ...base, status: 'suspended' }).at(-1)).toMatchObject({
      carrierCode: 'suspended',
      status: 'exception',
      reason: 'suspended',
    });
    expect(meEvents({ ...base, status: 'in_quarantine' }).at(-1)).toMatchObject({
      carrierCode: 'in_quarantine',
      status: null,
      carrierText: 'in_quarantine',
    });
    expect(meEvents({ ...base, status: 'toString' }).at(-1)).toMatchObject({ status: null });
    expect(
      meEvents({ id: 'o3', status: 'expired', created_at: '2026-05-01 10:00:00', expired_at: '2026-05-08 10:00:00' }).at(-1),
    ).toMatchObject({
      status: 'cancelled',
      reason: 'expired',
    });
    expect(meEvents({ id: 'o4', status: 'posted' })).toEqual([]);
  });

  it('words Melhor Envio errors', () => {
    expect(meError({ message: 'The given data was invalid.', errors: { 'to.postal_code': ['CEP inválido'] } })).toBe(
      'The given data was invalid.: CEP inválido',
    );
    expect(meError({ error: 'Saldo insuficiente' })).toBe('Saldo insuficiente');
    expect(meError(null)).toBe('no reason given');
  });
});
