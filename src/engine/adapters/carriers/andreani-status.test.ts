import { describe, expect, it } from 'vitest';
import { andreaniDate, trazasEvents } from './andreani-payload';
import { andreaniStatus, motiveReason } from './andreani-status';

describe('Andreani states', () => {
  it('maps the states of its public examples by text and by id', () => {
    expect(andreaniStatus('Pendiente de ingreso', 1)).toBe('ready');
    expect(andreaniStatus('Ingreso al circuito operativo', 5)).toBe('in_transit');
    expect(andreaniStatus('En distribución', 6)).toBe('out_for_delivery');
    expect(andreaniStatus('Visita', 11)).toBe('attempt_failed');
    expect(andreaniStatus('Entregado')).toBe('delivered');
    expect(andreaniStatus('Disponible para retirar en sucursal')).toBe('at_branch');
    expect(andreaniStatus('Siniestrado')).toBe('lost');
    // An id we know with a text we do not: the id decides.
    expect(andreaniStatus('Salida de vehículo', 6)).toBe('out_for_delivery');
  });

  it('never reads "no entregado" as delivered', () => {
    expect(andreaniStatus('No entregado')).toBe('exception');
  });

  it('reads a delivery in a return cycle as the parcel back at the sender', () => {
    expect(andreaniStatus('Entregado', null, 'Devolucion')).toBe('returned');
    expect(andreaniStatus('En distribución', 6, 'Devolucion')).toBe('returning');
    expect(andreaniStatus('Entregado', null, 'Distribution')).toBe('delivered');
  });

  it('answers null for a state it does not know, never throwing', () => {
    expect(andreaniStatus('Reprogramación por contingencia climática', 977)).toBeNull();
    expect(andreaniStatus('')).toBeNull();
  });

  it('turns motives into reason codes, "Sin motivo" into none and unknown ones into other', () => {
    expect(motiveReason('No se encuentra el titular')).toBe('customer_absent');
    expect(motiveReason('Domicilio inexistente')).toBe('address_not_found');
    expect(motiveReason('Rechazado por el destinatario')).toBe('refused');
    expect(motiveReason('Bulto dañado')).toBe('damaged');
    expect(motiveReason('Sin motivo')).toBeNull();
    expect(motiveReason(undefined)).toBeNull();
    expect(motiveReason('Paro de transporte')).toBe('other');
  });
});

describe('Andreani traces', () => {
  it('reads dates without an offset as Argentine time', () => {
    expect(andreaniDate('2021-03-09T11:08:03').toISOString()).toBe('2021-03-09T14:08:03.000Z');
    expect(andreaniDate('2021-03-09T11:08:03Z').toISOString()).toBe('2021-03-09T11:08:03.000Z');
  });

  it('keeps the three layers, sorts oldest first and drops events without a date', () => {
    const events = trazasEvents('360000102000579', {
      eventos: [
        { Fecha: '2021-03-09T11:59:04', Estado: 'Visita', EstadoId: 11, Motivo: 'No se encuentra el titular', Sucursal: 'Monserrat' },
        { Fecha: '2021-03-09T11:08:09', Estado: 'Ingreso al circuito operativo', EstadoId: '5', Sucursal: 'Monserrat' },
        { Fecha: 'ayer', Estado: 'Entregado' },
      ],
    });
    expect(events).toEqual([
      {
        trackingNumber: '360000102000579',
        status: 'in_transit',
        reason: null,
        carrierCode: '5',
        carrierText: 'Ingreso al circuito operativo',
        occurredAt: new Date('2021-03-09T14:08:09Z'),
        location: 'Monserrat',
      },
      {
        trackingNumber: '360000102000579',
        status: 'attempt_failed',
        reason: 'customer_absent',
        carrierCode: '11',
        carrierText: 'Visita: No se encuentra el titular',
        occurredAt: new Date('2021-03-09T14:59:04Z'),
        location: 'Monserrat',
      },
    ]);
  });
});
