import { create } from 'zustand';
import type { DeskApi, OutputOf } from '../../../../shared';
import { desk, type ConnectionState } from '../../api/desk-client';

export type Health = OutputOf<'system.health'>;
export type Settings = OutputOf<'system.settings'>;

export interface SystemState {
  health: Health | null;
  /** Why the last health check failed (the engine could not be reached). */
  healthError: string | null;
  settings: Settings | null;
  connection: ConnectionState;
  simulatorRate: number | null;
  simulatorError: string | null;
  healthPolled(): Promise<void>;
  settingsRequested(): Promise<void>;
  simulatorRateChanged(ordersPerMinute: number): Promise<void>;
  connectionChanged(state: ConnectionState): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createSystemStore(api: Pick<DeskApi, 'call'>) {
  return create<SystemState>()((set) => ({
    health: null,
    healthError: null,
    settings: null,
    connection: 'connecting',
    simulatorRate: null,
    simulatorError: null,
    async healthPolled() {
      try {
        set({ health: await api.call('system.health', {}), healthError: null });
      } catch (e) {
        set({ health: null, healthError: message(e) });
      }
    },
    async settingsRequested() {
      try {
        const settings = await api.call('system.settings', {});
        set({ settings, simulatorRate: settings.simulatorRate });
      } catch (e) {
        set({ healthError: message(e) });
      }
    },
    async simulatorRateChanged(ordersPerMinute) {
      const rate = Math.max(0, Math.min(6000, Math.round(ordersPerMinute)));
      try {
        const r = await api.call('demo.simulate', { ordersPerMinute: rate });
        set({ simulatorRate: r.ordersPerMinute, simulatorError: null });
      } catch (e) {
        set({ simulatorError: message(e) });
      }
    },
    connectionChanged: (connection) => set({ connection }),
  }));
}

export type HealthLevel = 'ok' | 'degraded' | 'down' | 'unknown';

/** One word for the header dot: down when unreachable, degraded when a part fails. */
export function selectHealthLevel(s: Pick<SystemState, 'health' | 'healthError'>): HealthLevel {
  if (s.healthError) return 'down';
  if (!s.health) return 'unknown';
  return s.health.ok && s.health.database.ok && s.health.queue.ok ? 'ok' : 'degraded';
}

/**
 * What the engine says is away (from its health check): the database — nothing can be read or
 * changed, so the desk's commands are off — or the job queue — orders are still taken and kept,
 * and worked off when it returns. Null when both answer (or nothing is known yet).
 */
export type Outage = 'database' | 'queue' | null;

export function selectOutage(s: Pick<SystemState, 'health'>): Outage {
  if (!s.health) return null;
  if (!s.health.database.ok) return 'database';
  return s.health.queue.ok ? null : 'queue';
}

/** Whether the desk's commands are disabled: while the database is unreachable (the header says so). */
export const selectCommandsDisabled = (s: Pick<SystemState, 'health'>): boolean => selectOutage(s) === 'database';

export const useSystemStore = createSystemStore(desk);
