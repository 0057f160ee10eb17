import { create } from 'zustand';
import type { DeskApi, StaffRole, User } from '../../../../shared';
import { desk } from '../../api/desk-client';

/** The user form: creating one, or editing one (by id). */
export type UserForm = { mode: 'create' } | { mode: 'edit'; id: string } | { mode: 'password'; id: string };

export interface UserDraft {
  username: string;
  displayName: string;
  role: StaffRole;
  locations: string[];
  /** Null: signs in through the identity provider only. */
  password: string | null;
}

export interface UsersState {
  users: User[];
  loading: boolean;
  /** Why the list could not be loaded. */
  error: string | null;
  form: UserForm | null;
  /** Why the form's last submit was refused (the engine's message, naming the field). */
  formError: string | null;
  busy: boolean;
  /** What just happened, for a status line ("Password reset for Ana"). */
  notice: { kind: 'created' | 'updated' | 'disabled' | 'enabled' | 'passwordReset'; name: string } | null;
  refreshRequested(): Promise<void>;
  formOpened(form: UserForm): void;
  formClosed(): void;
  createSubmitted(draft: UserDraft): Promise<boolean>;
  editSubmitted(id: string, patch: { displayName: string; role: StaffRole; locations: string[] }): Promise<boolean>;
  disabledToggled(user: User): Promise<void>;
  passwordResetSubmitted(id: string, password: string): Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Only associates work at locations: the engine requires them for an associate and refuses them for anyone else. */
export const locationsFor = (role: StaffRole, locations: readonly string[]): string[] => (role === 'associate' ? [...locations] : []);

/** The admin's Users view: people who sign in, their roles and locations, and the admin's moves on them. */
export function createUsersStore(api: Pick<DeskApi, 'call'>) {
  return create<UsersState>()((set, get) => {
    const replaced = (u: User) => set({ users: get().users.map((x) => (x.id === u.id ? u : x)) });
    const submit = async (run: () => Promise<void>): Promise<boolean> => {
      if (get().busy) return false;
      set({ busy: true, formError: null, notice: null });
      try {
        await run();
        set({ busy: false, form: null });
        return true;
      } catch (e) {
        set({ busy: false, formError: message(e) });
        return false;
      }
    };
    return {
      users: [],
      loading: false,
      error: null,
      form: null,
      formError: null,
      busy: false,
      notice: null,
      async refreshRequested() {
        set({ loading: true });
        try {
          set({ users: await api.call('users.list', {}), loading: false, error: null });
        } catch (e) {
          set({ loading: false, error: message(e) });
        }
      },
      formOpened: (form) => set({ form, formError: null, notice: null }),
      formClosed: () => set({ form: null, formError: null }),
      createSubmitted: (draft) =>
        submit(async () => {
          const user = await api.call('users.create', {
            username: draft.username.trim(),
            displayName: draft.displayName.trim(),
            role: draft.role,
            locations: locationsFor(draft.role, draft.locations),
            ...(draft.password !== null ? { password: draft.password } : {}),
          });
          set({ users: [...get().users, user], notice: { kind: 'created', name: user.displayName } });
        }),
      editSubmitted: (id, patch) =>
        submit(async () => {
          const user = await api.call('users.update', {
            id,
            displayName: patch.displayName.trim(),
            role: patch.role,
            locations: locationsFor(patch.role, patch.locations),
          });
          replaced(user);
          set({ notice: { kind: 'updated', name: user.displayName } });
        }),
      async disabledToggled(user) {
        if (get().busy) return;
        set({ busy: true, error: null, notice: null });
        try {
          const u = await api.call('users.update', { id: user.id, disabled: !user.disabled });
          replaced(u);
          set({ busy: false, notice: { kind: u.disabled ? 'disabled' : 'enabled', name: u.displayName } });
        } catch (e) {
          set({ busy: false, error: message(e) });
        }
      },
      passwordResetSubmitted: (id, password) =>
        submit(async () => {
          const user = await api.call('users.resetPassword', { id, password });
          replaced(user);
          set({ notice: { kind: 'passwordReset', name: user.displayName } });
        }),
    };
  });
}

/** Users as the table lists them: enabled first, then by display name. */
export function selectSortedUsers(s: Pick<UsersState, 'users'>, locale: string): User[] {
  return [...s.users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName, locale));
}

export const useUsersStore = createUsersStore(desk);
