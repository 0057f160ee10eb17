import { create } from 'zustand';
import type { Channel, ChannelKind, DeskApi, OutputOf } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export type KindInfo = OutputOf<'channels.kinds'>[number];

/** The add/edit form: settings in clear, secrets write-only (blank = keep the stored one). */
export interface ChannelForm {
  /** null: adding a channel. */
  id: string | null;
  kind: ChannelKind;
  name: string;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

export interface ChannelsState {
  channels: Channel[];
  kinds: KindInfo[];
  loading: boolean;
  error: string | null;
  form: ChannelForm | null;
  formError: string | null;
  busy: boolean;
  /** An API key just created or rotated: shown once, then gone. */
  revealedKey: { channelId: string; channelName: string; apiKey: string } | null;
  refreshRequested(): void;
  addOpened(kind?: ChannelKind): void;
  editOpened(id: string): void;
  formChanged(patch: Partial<Pick<ChannelForm, 'kind' | 'name'>>): void;
  settingChanged(name: string, value: string): void;
  secretChanged(name: string, value: string): void;
  formClosed(): void;
  formSubmitted(): Promise<boolean>;
  pauseToggled(id: string): Promise<void>;
  keyRotated(id: string): Promise<void>;
  keyDismissed(): void;
  channelsEventReceived(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The fields the form shows for a kind: what its adapter requires plus what the channel already has. */
export function formFields(kinds: readonly KindInfo[], form: ChannelForm): { settings: string[]; secrets: string[] } {
  const info = kinds.find((k) => k.kind === form.kind);
  return {
    settings: [...new Set([...(info?.requiredSettings ?? []), ...(info?.optionalSettings ?? []), ...Object.keys(form.settings)])],
    secrets: [...new Set([...(info?.requiredSecrets ?? []), ...(info?.optionalSecrets ?? []), ...Object.keys(form.secrets)])],
  };
}

/** Only the secrets actually typed are sent: a blank field keeps the stored secret. */
export function secretsToSend(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
}

export function createChannelsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ChannelsState>()((set, get) => {
    const fetchAll = async () => {
      set({ loading: true });
      try {
        const [channels, kinds] = await Promise.all([
          api.call('channels.list', {}),
          get().kinds.length ? Promise.resolve(get().kinds) : api.call('channels.kinds', {}),
        ]);
        set({ channels, kinds, loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    };
    const refetchSoon = throttle(() => void fetchAll(), 500, now);
    const act = async (run: () => Promise<unknown>) => {
      set({ busy: true, error: null });
      try {
        await run();
        set({ busy: false });
        void fetchAll();
      } catch (e) {
        set({ busy: false, error: message(e) });
      }
    };
    return {
      channels: [],
      kinds: [],
      loading: false,
      error: null,
      form: null,
      formError: null,
      busy: false,
      revealedKey: null,
      refreshRequested: () => void fetchAll(),
      addOpened: (kind) =>
        set({ form: { id: null, kind: kind ?? get().kinds[0]?.kind ?? 'api', name: '', settings: {}, secrets: {} }, formError: null }),
      editOpened(id) {
        const c = get().channels.find((x) => x.id === id);
        if (!c) return;
        set({
          form: {
            id,
            kind: c.kind,
            name: c.name,
            settings: { ...c.settings },
            secrets: Object.fromEntries(c.secretNames.map((n) => [n, ''])),
          },
          formError: null,
        });
      },
      formChanged(patch) {
        const f = get().form;
        if (f) set({ form: { ...f, ...patch, ...(patch.kind && patch.kind !== f.kind ? { settings: {}, secrets: {} } : {}) } });
      },
      settingChanged(name, value) {
        const f = get().form;
        if (f) set({ form: { ...f, settings: { ...f.settings, [name]: value } } });
      },
      secretChanged(name, value) {
        const f = get().form;
        if (f) set({ form: { ...f, secrets: { ...f.secrets, [name]: value } } });
      },
      formClosed: () => set({ form: null, formError: null }),
      async formSubmitted() {
        const f = get().form;
        if (!f) return false;
        set({ busy: true, formError: null });
        try {
          const secrets = secretsToSend(f.secrets);
          if (f.id === null) {
            const res = await api.call('channels.create', { kind: f.kind, name: f.name, settings: f.settings, secrets });
            set({ revealedKey: res.apiKey ? { channelId: res.channel.id, channelName: res.channel.name, apiKey: res.apiKey } : null });
          } else {
            await api.call('channels.update', {
              id: f.id,
              name: f.name,
              settings: f.settings,
              ...(Object.keys(secrets).length ? { secrets } : {}),
            });
          }
          set({ busy: false, form: null });
          void fetchAll();
          return true;
        } catch (e) {
          set({ busy: false, formError: message(e) });
          return false;
        }
      },
      pauseToggled(id) {
        const c = get().channels.find((x) => x.id === id);
        return act(() => api.call('channels.setPaused', { id, paused: !c?.paused }));
      },
      keyRotated(id) {
        return act(async () => {
          const res = await api.call('channels.rotateKey', { id });
          set({ revealedKey: { channelId: res.channel.id, channelName: res.channel.name, apiKey: res.apiKey } });
        });
      },
      keyDismissed: () => set({ revealedKey: null }),
      channelsEventReceived: () => refetchSoon(),
    };
  });
}

export const useChannelsStore = createChannelsStore(desk);
