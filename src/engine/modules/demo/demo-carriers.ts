import type { CarrierKind } from '../../../shared';

/**
 * The demo retailer's carriers: two accounts of the built-in simulator, so the tower shows parcels
 * moving (a step every 20 s) without any carrier credentials. Correo Simulado is the cheap standard
 * service; Express Simulado is dearer and next-day, with asynchronous labels (a label pending for a
 * step, as Andreani's are). A few destination postcodes of the demo's shoppers (demo-customers.ts)
 * fail or run late, so the late board and the exception inbox have something to show:
 * Caballito's C1406 and Mendoza's M5500 miss a visit, La Plata's B1900 and Tucumán's T4000 run late,
 * Córdoba's X5000 parcels get damaged at the hub, Rosario's S2000 wait at a branch, Quilmes' B1878
 * are refused and return, and Neuquén's Q8300 are never scanned.
 */
export interface DemoCarrierAccount {
  id: string;
  kind: CarrierKind;
  name: string;
  settings: Record<string, string>;
}

export const DEMO_CARRIERS: readonly DemoCarrierAccount[] = [
  {
    id: 'sim-correo',
    kind: 'simulator',
    name: 'Correo Simulado',
    settings: {
      stepSeconds: '20',
      labels: 'sync',
      services: 'standard',
      priceBase: '2900',
      pricePerKg: '850',
      currency: 'ARS',
      rules: 'C1406:attempt_failed,M5500:attempt_failed,B1900:delay,T4000:delay,X5000:exception,S2000:branch,B1878:return,Q8300:no_scan',
    },
  },
  {
    id: 'sim-express',
    kind: 'simulator',
    name: 'Express Simulado',
    settings: {
      stepSeconds: '20',
      labels: 'async',
      services: 'express',
      priceBase: '3600',
      pricePerKg: '1100',
      currency: 'ARS',
      rules: 'C1406:attempt_failed,B1900:delay',
    },
  },
];

/** The carrier cut-off a demo location gets when it has none: parcels handed over by then leave today. */
export function demoCarrierCutoff(kind: 'store' | 'dc' | 'dark_store'): string {
  return kind === 'dc' ? '18:00' : '16:00';
}
