import { create } from 'zustand';
import type { CarrierAccount, DeskApi } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { toSaveInput, type CarrierForm } from './carrier-form';

/** A "Test" button's answer per account: running, or the engine's verdict in its words. */
export type TestResult = { state: 'running' } | { state: 'done'; ok: boolean; message: string };

export interface CarriersState {
  accounts: CarrierAccount[];
  loading: boolean;
  error: string | null;
  form: CarrierForm | null;
  formError: string | null;
  busy: boolean;
  tests: Record<string, TestResult>;
  refreshRequested(): Promise<void>;
  formOpened(form: CarrierForm): void;
  formChanged(form: CarrierForm): void;
  formClosed(): void;
  saved(): Promise<boolean>;
  tested(id: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The admin's carrier accounts: the list (capabilities, circuit, webhook), add and edit (secrets write-only), and a credentials test. */
export function createCarriersStore(api: Pick<DeskApi, 'call'>) {
  return create<CarriersState>()((set, get) => {
    const load = async () => {
      set({ loading: true });
      try {
        const accounts = await api.call('carriers.list', {});
        set({ accounts: [...accounts].sort((a, b) => a.name.localeCompare(b.name)), loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    };
    return {
      accounts: [],
      loading: false,
      error: null,
      form: null,
      formError: null,
      busy: false,
      tests: {},
      refreshRequested: load,
      formOpened: (form) => set({ form, formError: null }),
      formChanged: (form) => set({ form }),
      formClosed: () => set({ form: null, formError: null }),
      async saved() {
        const form = get().form;
        if (!form || get().busy) return false;
        set({ busy: true, formError: null });
        try {
          const saved = await api.call('carriers.save', toSaveInput(form));
          const { [saved.id]: _stale, ...tests } = get().tests;
          set({ busy: false, form: null, tests });
          await load();
          return true;
        } catch (e) {
          set({ busy: false, formError: message(e) });
          return false;
        }
      },
      async tested(id) {
        if (get().tests[id]?.state === 'running') return;
        set({ tests: { ...get().tests, [id]: { state: 'running' } } });
        let result: TestResult;
        try {
          const r = await api.call('carriers.test', { id });
          result = { state: 'done', ok: r.ok, message: r.message };
        } catch (e) {
          result = { state: 'done', ok: false, message: message(e) };
        }
        set({ tests: { ...get().tests, [id]: result } });
        // A test moves the circuit breaker: show where it stands now.
        await load();
      },
    };
  });
}

/** The capabilities an account's carrier has, as message keys (what the list shows as tags). */
export type CapabilityTag =
  'quote' | 'label_sync' | 'label_async' | 'label_none' | 'cancel' | 'manifest' | 'pickupBooking' | 'branches' | 'webhook' | 'polling';

export function capabilityTags(c: CarrierAccount['capabilities']): CapabilityTag[] {
  const tags: CapabilityTag[] = [];
  if (c.quote) tags.push('quote');
  tags.push(`label_${c.label}`);
  if (c.cancel) tags.push('cancel');
  if (c.manifest) tags.push('manifest');
  if (c.pickupBooking) tags.push('pickupBooking');
  if (c.branches) tags.push('branches');
  if (c.webhook) tags.push('webhook');
  if (c.polling) tags.push('polling');
  return tags;
}

export const useCarriersStore = createCarriersStore(desk);
