import { describe, expect, it } from 'vitest';
import type { BulkResult } from '../../../../shared';
import { bulkFailureText } from './bulk-failure';

const failed = (over: Partial<BulkResult>): BulkResult => ({ id: 'o1', number: 1043, status: 'shipped', ok: false, ...over });

describe('bulk failure text', () => {
  it('says why by code and action, with the order status in the desk language', () => {
    const illegal = failed({ code: 'ILLEGAL_TRANSITION', message: 'Illegal order transition: shipped → cancelled' });
    expect(bulkFailureText('es', { kind: 'cancel', reason: 'x' }, illegal)).toBe('Está “Despachado”: ya no se puede cancelar.');
    expect(bulkFailureText('pt-BR', { kind: 'advance', to: 'packed' }, illegal)).toBe('Está “Expedido”: não pode passar para “Embalado”.');
    expect(bulkFailureText('es', { kind: 'print', what: 'packing_slip' }, failed({ code: 'ALREADY_PRINTED', message: '…' }))).toBe(
      'Ya se envió a imprimir: reimprimilo con un motivo desde Impresión.',
    );
  });

  it('tells a missing order from a missing pickup, and reads the engine sentence where one code covers several cases', () => {
    const gone = failed({ number: null, status: null, code: 'NOT_FOUND', message: 'No order with id o1' });
    expect(bulkFailureText('en', { kind: 'print', what: 'pickup_label' }, gone)).toBe('No such order, or not one you can see.');
    const noPickup = failed({ code: 'NOT_FOUND', message: 'No pickup for order o1: make the order ready for pickup first' });
    expect(bulkFailureText('en', { kind: 'print', what: 'pickup_label' }, noPickup)).toBe(
      'It has no pickup ready: make it ready for pickup first.',
    );
    const there = failed({ code: 'VALIDATION_FAILED', message: 'Order #1043 is already at Tienda Córdoba' });
    expect(bulkFailureText('es', { kind: 'move', locationId: 'loc-cordoba', reason: 'x' }, there)).toBe('Ya está en esa ubicación.');
  });

  it('keeps the engine words for what it cannot name, and the desk words for the engine being away', () => {
    const odd = failed({ code: 'VALIDATION_FAILED', message: 'something new' });
    expect(bulkFailureText('es', { kind: 'cancel', reason: 'x' }, odd)).toBe('El motor lo rechazó: something new');
    const away = failed({ code: 'UNAVAILABLE', message: 'The database cannot be reached' });
    expect(bulkFailureText('es', { kind: 'cancel', reason: 'x' }, away)).toMatch(/base de datos/);
  });
});
