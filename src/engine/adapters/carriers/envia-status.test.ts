import { describe, expect, it } from 'vitest';
import { enviaEvents, quotesFrom } from './envia-payload';
import { eventCode, normaliseEnviaEvent, normaliseEnviaStatus } from './envia-status';

describe('Envia statuses and event words', () => {
  it('reads the status names of the Queries API, unknown ones as null', () => {
    expect(normaliseEnviaStatus('In transit').status).toBe('in_transit');
    expect(normaliseEnviaStatus('DELIVERY ATTEMPT')).toEqual({ status: 'attempt_failed', reason: 'delivery_failed' });
    expect(normaliseEnviaStatus('Canceled').status).toBe('cancelled');
    expect(normaliseEnviaStatus('Damaged')).toEqual({ status: 'exception', reason: 'damaged' });
    expect(normaliseEnviaStatus('Created').status).toBeNull();
    expect(normaliseEnviaStatus('Teleported').status).toBeNull();
    expect(normaliseEnviaStatus('constructor').status).toBeNull();
  });

  it('reads the most specific phrase first: not delivered is not delivered', () => {
    expect(normaliseEnviaEvent('No entregado: domicilio cerrado')).toEqual({ status: 'attempt_failed', reason: 'delivery_failed' });
    expect(normaliseEnviaEvent('Intento de entrega, destinatario ausente')).toEqual({
      status: 'attempt_failed',
      reason: 'customer_absent',
    });
    expect(normaliseEnviaEvent('En ruta de entrega')).toEqual({ status: 'out_for_delivery', reason: null });
    expect(normaliseEnviaEvent('On FedEx vehicle for delivery').status).toBe('out_for_delivery');
    expect(normaliseEnviaEvent('Entregado. Recibió: Ana')).toEqual({ status: 'delivered', reason: null });
    expect(normaliseEnviaEvent('Devuelto al remitente').status).toBe('returned');
    expect(normaliseEnviaEvent('Envío en devolución').status).toBe('returning');
    expect(normaliseEnviaEvent('Dirección incorrecta')).toEqual({ status: 'exception', reason: 'address_not_found' });
    expect(normaliseEnviaEvent('Paquete dañado en centro')).toEqual({ status: 'exception', reason: 'damaged' });
    expect(normaliseEnviaEvent('Llegada a centro de distribución Saltillo').status).toBe('in_transit');
    expect(normaliseEnviaEvent('Guía creada').status).toBeNull();
    expect(normaliseEnviaEvent('Código XJ9 sin descripción').status).toBeNull();
    expect(eventCode('  Código XJ9: sin descripción! ')).toBe('codigo-xj9-sin-descripcion');
    expect(eventCode('¡!')).toBe('event');
  });
});

describe('Envia payloads', () => {
  it('turns rates into quotes, leaving out a service without a transit time or a price', () => {
    const quotes = quotesFrom({
      data: [
        {
          carrier: 'dhl',
          carrierDescription: 'DHL',
          service: 'express',
          serviceDescription: 'Express',
          deliveryDate: { dateDifference: 1 },
          totalPrice: 310.4,
          currency: 'mxn',
        },
        { carrier: 'dhl', service: 'economy', deliveryEstimate: '3-5 días', totalPrice: 190, currency: 'MXN' },
        { carrier: 'dhl', service: 'mystery', deliveryEstimate: 'pronto', totalPrice: 100, currency: 'MXN' },
        { carrier: 'dhl', service: 'free', deliveryDate: { dateDifference: 2 }, totalPrice: 0, currency: 'MXN' },
      ],
    });
    expect(quotes).toEqual([
      { service: 'dhl:express', serviceName: 'DHL Express', price: { amount: 310.4, currency: 'MXN' }, transitDays: 1 },
      { service: 'dhl:economy', serviceName: 'dhl economy', price: { amount: 190, currency: 'MXN' }, transitDays: 5 },
    ]);
  });

  it('orders the history oldest first and adds the status by name only when the history does not say it', () => {
    const t = {
      trackingNumber: '8012',
      status: 'Delivered',
      deliveredAt: '2026-05-04 15:00:00',
      estimatedDelivery: '2026-05-05',
      eventHistory: [
        { timestamp: '2026-05-03 10:00:00', location: 'CDMX', description: 'En ruta de entrega' },
        { timestamp: '2026-05-02 09:00:00', location: 'MTY', description: 'Paquete recolectado' },
        { timestamp: null, location: null, description: 'sin fecha' },
      ],
    };
    expect(enviaEvents(t).map((e) => [e.carrierCode, e.status])).toEqual([
      ['paquete-recolectado', 'in_transit'],
      ['en-ruta-de-entrega', 'out_for_delivery'],
      ['Delivered', 'delivered'],
    ]);
    const delivered = {
      ...t,
      eventHistory: [...t.eventHistory, { timestamp: '2026-05-04 15:00:00', location: 'CDMX', description: 'Entregado' }],
    };
    expect(enviaEvents(delivered).map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    expect(enviaEvents(delivered).at(-1)!.etaAt?.toISOString()).toBe('2026-05-05T00:00:00.000Z');
  });
});
