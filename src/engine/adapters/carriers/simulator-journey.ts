import type { ShipmentStatus } from '../../../shared';
import type { SimulatorId } from './simulator-id';
import type { SimulatorPlan } from './simulator-rules';
import { SIMULATOR_SERVICES } from './simulator-settings';

/**
 * A simulated parcel's whole journey, planned from its id (creation time, service, postcode, label
 * mode) and the rules for its postcode: a pure function, so every engine node tells the same story
 * and tests pass a clock. Steps come every `stepSeconds` after the label:
 * ready → in_transit (first scan) → in_transit (hub) → out_for_delivery → delivered, with the rule's
 * twist. Each event carries the carrier's ETA (transit days of the service in Mon–Fri business days).
 */

export interface SimulatorEvent {
  at: Date;
  status: ShipmentStatus | null;
  reason: string | null;
  code: string;
  text: string;
  location: string;
  etaAt?: Date;
}

export interface SimulatorJourney {
  /** When the label is created — or refused (the `reject` rule); the creation instant for synchronous labels. */
  labelAt: Date;
  label: 'created' | 'rejected';
  /** Tracking events in the order they happen (none for a rejected label). */
  events: readonly SimulatorEvent[];
}

/** The simulator's raw codes and what they mean (the adapter's normalisation table). */
export const SIMULATOR_CODES: Readonly<Record<string, { status: ShipmentStatus; reason: string | null; text: string }>> = {
  LBL: { status: 'ready', reason: null, text: 'Etiqueta generada, pendiente de admisión' },
  ADM: { status: 'in_transit', reason: null, text: 'Admitido en planta de origen' },
  HUB: { status: 'in_transit', reason: null, text: 'En centro de distribución' },
  DLY: { status: 'in_transit', reason: 'delayed', text: 'Demorado en centro de distribución' },
  OFD: { status: 'out_for_delivery', reason: null, text: 'En distribución' },
  AUS: { status: 'attempt_failed', reason: 'customer_absent', text: 'Visita fallida: destinatario ausente' },
  DMG: { status: 'exception', reason: 'damaged', text: 'Bulto dañado en centro de distribución' },
  BRN: { status: 'at_branch', reason: 'held_at_branch', text: 'En sucursal, listo para retirar' },
  COL: { status: 'delivered', reason: 'collected', text: 'Retirado en sucursal por el destinatario' },
  DLV: { status: 'delivered', reason: null, text: 'Entregado' },
  REF: { status: 'returning', reason: 'refused', text: 'Rechazado por el destinatario' },
  RTV: { status: 'returning', reason: 'refused', text: 'En viaje de regreso al remitente' },
  RTS: { status: 'returned', reason: 'refused', text: 'Devuelto al remitente' },
  LST: { status: 'lost', reason: 'lost', text: 'Bulto extraviado' },
  CAN: { status: 'cancelled', reason: null, text: 'Envío cancelado por el remitente' },
};

/** An informational event the simulator sends under the `unknown_code` rule: a code outside SIMULATOR_CODES. */
export const SIMULATOR_UNKNOWN = { code: 'NOV77', text: 'Novedad operativa 77' } as const;

const DAY = 86_400_000;

/** `at` moved `n` business days (Mon–Fri, UTC days: the sandbox ignores holidays), at 21:00 UTC (18:00 in Buenos Aires). */
export function addWeekdays(at: Date, n: number): Date {
  let d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 21));
  let left = n;
  while (left > 0 || d.getUTCDay() === 0 || d.getUTCDay() === 6) {
    d = new Date(d.getTime() + DAY);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

export function simulatorJourney(id: SimulatorId, plan: SimulatorPlan, o: { stepSeconds: number; branchSteps: number }): SimulatorJourney {
  const step = o.stepSeconds * 1000;
  const labelAt = new Date(id.createdAt.getTime() + (id.labels === 'async' ? step : 0));
  if (plan.outcome === 'reject') return { labelAt, label: 'rejected', events: [] };
  const eta = addWeekdays(labelAt, SIMULATOR_SERVICES[id.service].transitDays);
  const at = (k: number) => new Date(labelAt.getTime() + k * step);
  const hub = `Centro de distribución ${id.postcode.slice(0, 2)}`;
  const events: SimulatorEvent[] = [];
  const add = (when: Date, code: string, location: string, etaAt: Date | undefined = eta) => {
    const c = SIMULATOR_CODES[code]!;
    events.push({ at: when, status: c.status, reason: c.reason, code, text: c.text, location, ...(etaAt ? { etaAt } : {}) });
  };
  const delayed = plan.outcome === 'delay';
  // Under `delay` the ETA slips a business day at each step and the parcel arrives on the last ETA.
  const etaAtStep = (k: number) => (delayed ? addWeekdays(eta, k) : eta);

  add(at(0), 'LBL', 'Planta de origen', etaAtStep(0));
  if (plan.outcome === 'no_scan') return { labelAt, label: 'created', events };
  add(at(1), 'ADM', 'Planta de origen', etaAtStep(1));
  add(at(2), 'HUB', hub, etaAtStep(2));
  if (plan.unknownCode) {
    events.push({ at: new Date(at(2).getTime() + step / 2), status: null, reason: null, ...unknownEvent(), location: hub });
  }
  const door = `Domicilio ${id.postcode}`;
  switch (plan.outcome) {
    case 'attempt_failed':
      add(at(3), 'OFD', hub);
      add(at(4), 'AUS', door);
      add(at(5), 'OFD', hub);
      add(at(6), 'DLV', door, undefined);
      break;
    case 'exception':
      add(at(3), 'DMG', hub);
      add(at(4), 'OFD', hub);
      add(at(5), 'DLV', door, undefined);
      break;
    case 'delay': {
      add(at(3), 'DLY', hub, etaAtStep(3));
      const last = etaAtStep(3);
      // Out in the morning of the slipped ETA (never before the last scan), delivered in the afternoon.
      const out = new Date(Math.max(last.getTime() - 11 * 3_600_000, at(4).getTime()));
      add(out, 'OFD', hub, last);
      add(new Date(Math.max(last.getTime() - 3 * 3_600_000, out.getTime() + step)), 'DLV', door, undefined);
      break;
    }
    case 'lost':
      // Silence for a step, then the carrier declares it lost.
      add(at(4), 'LST', hub, undefined);
      break;
    case 'return':
      add(at(3), 'OFD', hub);
      add(at(4), 'REF', door, undefined);
      add(at(5), 'RTV', hub, undefined);
      add(at(6), 'RTS', 'Planta de origen', undefined);
      break;
    case 'branch':
      add(at(3), 'BRN', `Sucursal ${id.postcode}`);
      add(at(3 + o.branchSteps), 'COL', `Sucursal ${id.postcode}`, undefined);
      break;
    default:
      add(at(3), 'OFD', hub);
      add(at(4), 'DLV', door, undefined);
  }
  return { labelAt, label: 'created', events };
}

function unknownEvent(): { code: string; text: string } {
  return { code: SIMULATOR_UNKNOWN.code, text: SIMULATOR_UNKNOWN.text };
}

/** The journey's events that have happened by `now` (a cancellation at `cancelledAt` ends it there). */
export function eventsBy(journey: SimulatorJourney, now: Date, cancelledAt?: Date): SimulatorEvent[] {
  const end = cancelledAt && cancelledAt.getTime() < now.getTime() ? cancelledAt : now;
  const seen = journey.events.filter((e) => e.at.getTime() <= end.getTime());
  if (cancelledAt && cancelledAt.getTime() <= now.getTime()) {
    const c = SIMULATOR_CODES.CAN!;
    seen.push({ at: cancelledAt, status: c.status, reason: c.reason, code: 'CAN', text: c.text, location: 'Planta de origen' });
  }
  return seen;
}
