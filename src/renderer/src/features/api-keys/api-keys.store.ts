import { create } from 'zustand';
import type { ApiKey, DeskApi } from '../../../../shared';
import { desk } from '../../api/desk-client';

export type ApiKeyScope = ApiKey['scopes'][number];

export interface ApiKeysState {
  keys: ApiKey[];
  loading: boolean;
  error: string | null;
  busy: boolean;
  formOpen: boolean;
  formError: string | null;
  /** The secret of the key just created: shown once, then forgotten (only its hash is stored). */
  revealed: { name: string; secret: string } | null;
  /** The key awaiting the admin's "yes, revoke". */
  confirmRevoke: string | null;
  refreshRequested(): Promise<void>;
  formToggled(open: boolean): void;
  createSubmitted(name: string, scopes: ApiKeyScope[]): Promise<boolean>;
  secretDismissed(): void;
  revokeAsked(id: string | null): void;
  revokeConfirmed(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The admin's API keys: machines (POS, WMS, ERP) that feed stock or read orders. */
export function createApiKeysStore(api: Pick<DeskApi, 'call'>) {
  return create<ApiKeysState>()((set, get) => ({
    keys: [],
    loading: false,
    error: null,
    busy: false,
    formOpen: false,
    formError: null,
    revealed: null,
    confirmRevoke: null,
    async refreshRequested() {
      set({ loading: true });
      try {
        set({ keys: await api.call('apiKeys.list', {}), loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    },
    formToggled: (formOpen) => set({ formOpen, formError: null }),
    async createSubmitted(name, scopes) {
      if (get().busy) return false;
      set({ busy: true, formError: null, revealed: null });
      try {
        const r = await api.call('apiKeys.create', { name: name.trim(), scopes });
        set({ busy: false, formOpen: false, keys: [r.key, ...get().keys], revealed: { name: r.key.name, secret: r.secret } });
        return true;
      } catch (e) {
        set({ busy: false, formError: message(e) });
        return false;
      }
    },
    secretDismissed: () => set({ revealed: null }),
    revokeAsked: (confirmRevoke) => set({ confirmRevoke, error: null }),
    async revokeConfirmed() {
      const id = get().confirmRevoke;
      if (!id || get().busy) return;
      set({ busy: true });
      try {
        const key = await api.call('apiKeys.revoke', { id });
        set({ busy: false, confirmRevoke: null, keys: get().keys.map((k) => (k.id === key.id ? key : k)) });
      } catch (e) {
        set({ busy: false, confirmRevoke: null, error: message(e) });
      }
    },
  }));
}

export const useApiKeysStore = createApiKeysStore(desk);
