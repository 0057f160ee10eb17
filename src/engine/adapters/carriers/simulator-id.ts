import { createHash } from 'node:crypto';
import type { SimulatorService } from './simulator-settings';
import { SIMULATOR_SERVICES } from './simulator-settings';
import { normalisePostcode } from './simulator-rules';

/**
 * The simulator's shipment id (also its tracking number) carries everything its journey depends on,
 * so any engine node answers the same for it without shared state:
 * `SIM-<creation ms, base36>-<STD|EXP>-<destination postcode>-<S|A><4 chars of the reference's hash>`
 * (S: synchronous label, A: asynchronous), e.g. `SIM-LX3K9QZ0-STD-1414-S7Q2F`.
 */
export interface SimulatorId {
  createdAt: Date;
  service: SimulatorService;
  postcode: string;
  labels: 'sync' | 'async';
  tag: string;
}

const PATTERN = /^SIM-([0-9A-Z]{1,12})-(STD|EXP)-([0-9A-Z]{1,12})-([SA])([0-9A-Z]{4})$/;

/** Four base36 characters of the reference's hash: the same reference gives the same id at the same instant. */
function tagOf(reference: string): string {
  const n = createHash('sha256').update(reference).digest().readUInt32BE(0) % 36 ** 4;
  return n.toString(36).toUpperCase().padStart(4, '0');
}

export function encodeSimulatorId(p: {
  createdAt: Date;
  service: SimulatorService;
  postcode: string | undefined;
  labels: 'sync' | 'async';
  reference: string;
}): string {
  const pc = normalisePostcode(p.postcode).slice(0, 12) || '0';
  const svc = SIMULATOR_SERVICES[p.service].code;
  return `SIM-${p.createdAt.getTime().toString(36).toUpperCase()}-${svc}-${pc}-${p.labels === 'async' ? 'A' : 'S'}${tagOf(p.reference)}`;
}

/** The id's parts, or null when it is not a simulator id (a typo, another carrier's number). */
export function decodeSimulatorId(id: string): SimulatorId | null {
  const m = PATTERN.exec(id.trim().toUpperCase());
  if (!m) return null;
  const ms = parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(ms)) return null;
  return {
    createdAt: new Date(ms),
    service: m[2] === 'EXP' ? 'express' : 'standard',
    postcode: m[3]!,
    labels: m[4] === 'A' ? 'async' : 'sync',
    tag: m[5]!,
  };
}
