import { CarrierError, type CarrierAccountConfig } from '../../ports/carrier.port';
import { parseSimulatorRules, type SimulatorRules } from './simulator-rules';

/**
 * The simulator account's settings, read with their defaults. Every setting is optional: an account
 * with none is a working sandbox carrier (steps every 60 s, synchronous labels, no failure rules).
 */

/** The services the simulator sells: business days in transit and a price factor over the base. */
export const SIMULATOR_SERVICES = {
  standard: { name: 'Estándar', transitDays: 3, factor: 1, code: 'STD' },
  express: { name: 'Express', transitDays: 1, factor: 1.8, code: 'EXP' },
} as const;
export type SimulatorService = keyof typeof SIMULATOR_SERVICES;

export interface SimulatorSettings {
  /** Seconds between two steps of a journey (label → first scan → hub → out for delivery → delivered). */
  stepSeconds: number;
  rules: SimulatorRules;
  labels: 'sync' | 'async';
  priceBase: number;
  pricePerKg: number;
  currency: string;
  services: readonly SimulatorService[];
  /** Steps a parcel left at a branch waits before the customer collects it. */
  branchSteps: number;
  /** Shifts the simulator's clock (tests; a demo that fast-forwards): its "now" is io.now() + this. */
  clockOffsetMs: number;
}

/** The settings and secrets the desk asks for (all optional). */
export const SIMULATOR_SETTINGS_SPEC = [
  { key: 'stepSeconds', secret: false, required: false, help: 'Seconds between tracking steps (default 60; the demo uses 20).' },
  {
    key: 'rules',
    secret: false,
    required: false,
    help: 'Failures by destination postcode prefix, comma separated, e.g. "1414:attempt_failed,5000:delay". Rules: attempt_failed, exception, delay, no_scan, lost, return, branch, reject, unknown_code.',
  },
  {
    key: 'labels',
    secret: false,
    required: false,
    help: '"sync" (label at once, default) or "async" (pending for one step, then created or rejected).',
  },
  { key: 'priceBase', secret: false, required: false, help: 'Price of a parcel before weight (default 2500).' },
  { key: 'pricePerKg', secret: false, required: false, help: 'Price per started kilogram (default 900).' },
  { key: 'currency', secret: false, required: false, help: 'ISO currency of prices (default ARS).' },
  {
    key: 'services',
    secret: false,
    required: false,
    help: 'Services offered, comma separated: standard (3 business days), express (1). Default both.',
  },
  { key: 'branchSteps', secret: false, required: false, help: 'Steps a parcel waits at a branch before it is collected (default 3).' },
  { key: 'clockOffsetMs', secret: false, required: false, help: "Moves the simulator's clock forward (tests and demos); default 0." },
  { key: 'webhookSecret', secret: true, required: false, help: 'Secret that signs simulator webhooks (x-sim-signature, HMAC-SHA256).' },
] as const;

function num(account: CarrierAccountConfig, key: string, fallback: number, min: number, max: number): number {
  const raw = account.settings[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new CarrierError(`Simulator account ${account.id}: setting ${key} is "${raw}"; use a number from ${min} to ${max}`, 'invalid');
  }
  return n;
}

/** The account's settings; a malformed one is a CarrierError 'invalid' naming the setting and what it takes. */
export function simulatorSettings(account: CarrierAccountConfig): SimulatorSettings {
  const labels = account.settings.labels?.trim() || 'sync';
  if (labels !== 'sync' && labels !== 'async') {
    throw new CarrierError(`Simulator account ${account.id}: setting labels is "${labels}"; use "sync" or "async"`, 'invalid');
  }
  const services = (account.settings.services?.trim() || 'standard,express')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of services) {
    if (!(s in SIMULATOR_SERVICES)) {
      throw new CarrierError(
        `Simulator account ${account.id}: service "${s}" in setting services is unknown; use standard and/or express`,
        'invalid',
      );
    }
  }
  const currency = (account.settings.currency?.trim() || 'ARS').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new CarrierError(`Simulator account ${account.id}: setting currency is "${currency}"; use an ISO code such as ARS`, 'invalid');
  }
  let rules: SimulatorRules;
  try {
    rules = parseSimulatorRules(account.settings.rules ?? '');
  } catch (e) {
    throw new CarrierError(`Simulator account ${account.id}: ${(e as Error).message}`, 'invalid');
  }
  return {
    stepSeconds: num(account, 'stepSeconds', 60, 1, 86_400),
    rules,
    labels,
    priceBase: num(account, 'priceBase', 2500, 0, 1e9),
    pricePerKg: num(account, 'pricePerKg', 900, 0, 1e9),
    currency,
    services: services as SimulatorService[],
    branchSteps: num(account, 'branchSteps', 3, 1, 1_000),
    clockOffsetMs: num(account, 'clockOffsetMs', 0, -1e13, 1e13),
  };
}
