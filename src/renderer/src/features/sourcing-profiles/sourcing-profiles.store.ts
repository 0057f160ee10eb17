import { create } from 'zustand';
import { BACKORDER_POLICIES, type BackorderPolicy, type DeskApi, type FieldIssue, type SourcingProfile } from '../../../../shared';

/** The editor's fields: the selector as plain values, the spec as JSON text (the engine validates it). */
export interface ProfileDraft {
  key: string;
  name: string;
  channels: string;
  orderTypes: string;
  priority: number;
  specText: string;
}

export interface SourcingProfilesState {
  profiles: SourcingProfile[];
  selectedId: string | null;
  draft: ProfileDraft | null;
  busy: boolean;
  error: string | null;
  issues: FieldIssue[];
  loadRequested(): Promise<void>;
  profileSelected(id: string): void;
  draftEdited(patch: Partial<ProfileDraft>): void;
  saveRequested(): Promise<boolean>;
  activateRequested(id: string): Promise<boolean>;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const issuesOf = (e: unknown): FieldIssue[] =>
  e && typeof e === 'object' && Array.isArray((e as { issues?: unknown }).issues) ? (e as { issues: FieldIssue[] }).issues : [];

export function draftFrom(p: SourcingProfile): ProfileDraft {
  return {
    key: p.key,
    name: p.name,
    channels: p.selector.channels.join(', '),
    orderTypes: p.selector.orderTypes.join(', '),
    priority: p.selector.priority,
    specText: JSON.stringify(p.spec, null, 2),
  };
}

/** The Sourcing view's store: profiles by key and version, the draft being edited, save and activate. */
export function createSourcingProfilesStore(api: Pick<DeskApi, 'call'>) {
  return create<SourcingProfilesState>()((set, get) => {
    const load = async () => {
      try {
        const profiles = await api.call('sourcing.profiles.list', {});
        set({ profiles, error: null });
      } catch (e) {
        set({ error: message(e) });
      }
    };
    return {
      profiles: [],
      selectedId: null,
      draft: null,
      busy: false,
      error: null,
      issues: [],
      loadRequested: load,
      profileSelected(id) {
        const p = get().profiles.find((x) => x.id === id);
        if (p) set({ selectedId: id, draft: draftFrom(p), error: null, issues: [] });
      },
      draftEdited(patch) {
        const d = get().draft;
        if (d) set({ draft: { ...d, ...patch } });
      },
      async saveRequested() {
        const d = get().draft;
        if (!d || get().busy) return false;
        let spec: unknown;
        try {
          spec = JSON.parse(d.specText);
        } catch (e) {
          set({ error: `The profile spec is not valid JSON (${message(e)}); fix it and save again`, issues: [] });
          return false;
        }
        set({ busy: true, error: null, issues: [] });
        try {
          const saved = await api.call('sourcing.profiles.saveDraft', {
            key: d.key,
            name: d.name,
            selector: { channels: list(d.channels) as never, orderTypes: list(d.orderTypes) as never, priority: d.priority },
            spec: spec as never,
          });
          await load();
          set({ selectedId: saved.id, draft: draftFrom(saved) });
          return true;
        } catch (e) {
          set({ error: message(e), issues: issuesOf(e) });
          return false;
        } finally {
          set({ busy: false });
        }
      },
      async activateRequested(id) {
        if (get().busy) return false;
        set({ busy: true, error: null, issues: [] });
        try {
          const active = await api.call('sourcing.profiles.activate', { id });
          await load();
          set({ selectedId: active.id, draft: draftFrom(active) });
          return true;
        } catch (e) {
          set({ error: message(e) });
          return false;
        } finally {
          set({ busy: false });
        }
      },
    };
  });
}

/** The backorder policy written in the spec text, or null while the text is not valid JSON (edit it there first). */
export function backorderOf(specText: string): BackorderPolicy | null {
  try {
    const spec = JSON.parse(specText) as { backorder?: unknown };
    return BACKORDER_POLICIES.includes(spec.backorder as BackorderPolicy) ? (spec.backorder as BackorderPolicy) : 'hold';
  } catch {
    return null;
  }
}

/** The spec text with another backorder policy (the rest of the text as it was, re-indented). */
export function withBackorder(specText: string, policy: BackorderPolicy): string {
  return JSON.stringify({ ...(JSON.parse(specText) as object), backorder: policy }, null, 2);
}
