import { create } from 'zustand';
import type { DeskApi, WebhookEndpoint } from '../../../../shared';
import { desk } from '../../api/desk-client';
import type { EndpointForm } from './endpoint-form';
import { errorMessage } from './template-draft';

export interface EndpointsState {
  endpoints: WebhookEndpoint[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  form: EndpointForm | null;
  formError: string | null;
  busy: boolean;
  /** A signing secret just made (a new endpoint, or a rotation): shown this once, then forgotten. */
  revealed: { id: string; secret: string } | null;
  /** The endpoint awaiting the admin's "yes, rotate". */
  confirmRotate: string | null;
  /** Why a rotation was refused. */
  rotateError: string | null;
  refreshRequested(): Promise<void>;
  formOpened(form: EndpointForm): void;
  formChanged(form: EndpointForm): void;
  formClosed(): void;
  saved(): Promise<boolean>;
  rotateAsked(id: string | null): void;
  rotateConfirmed(): Promise<boolean>;
  secretDismissed(): void;
}

/** The merchant's webhook endpoints: the list (an endpoint the engine turned off says why), add and edit, rotate the secret. */
export function createEndpointsStore(api: Pick<DeskApi, 'call'>) {
  return create<EndpointsState>()((set, get) => {
    const load = async () => {
      set({ loading: true });
      try {
        const endpoints = await api.call('notifications.endpoints', {});
        set({ endpoints: [...endpoints].sort((a, b) => a.id.localeCompare(b.id)), loaded: true, loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: errorMessage(e) });
      }
    };
    const keep = (endpoint: WebhookEndpoint) =>
      [...get().endpoints.filter((x) => x.id !== endpoint.id), endpoint].sort((a, b) => a.id.localeCompare(b.id));
    return {
      endpoints: [],
      loaded: false,
      loading: false,
      error: null,
      form: null,
      formError: null,
      busy: false,
      revealed: null,
      confirmRotate: null,
      rotateError: null,
      refreshRequested: load,
      formOpened: (form) => set({ form, formError: null, confirmRotate: null }),
      formChanged: (form) => set({ form }),
      formClosed: () => set({ form: null, formError: null }),
      async saved() {
        const form = get().form;
        if (!form || get().busy) return false;
        set({ busy: true, formError: null });
        try {
          const { id, url, events, enabled } = form;
          const r = await api.call('notifications.saveEndpoint', { id, url: url.trim(), events, enabled });
          set({
            busy: false,
            form: null,
            endpoints: keep(r.endpoint),
            revealed: r.secret ? { id: r.endpoint.id, secret: r.secret } : null,
          });
          return true;
        } catch (e) {
          set({ busy: false, formError: errorMessage(e) });
          return false;
        }
      },
      rotateAsked: (confirmRotate) => set({ confirmRotate, rotateError: null }),
      async rotateConfirmed() {
        const endpoint = get().endpoints.find((x) => x.id === get().confirmRotate);
        if (!endpoint || get().busy) return false;
        set({ busy: true, rotateError: null });
        try {
          const { id, url, events, enabled } = endpoint;
          const r = await api.call('notifications.saveEndpoint', { id, url, events, enabled, rotateSecret: true });
          set({ busy: false, confirmRotate: null, endpoints: keep(r.endpoint), revealed: r.secret ? { id, secret: r.secret } : null });
          return true;
        } catch (e) {
          set({ busy: false, rotateError: errorMessage(e) });
          return false;
        }
      },
      secretDismissed: () => set({ revealed: null }),
    };
  });
}

export const useEndpointsStore = createEndpointsStore(desk);
