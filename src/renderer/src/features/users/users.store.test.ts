import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aUser } from '../../test-support/fixtures';
import { createUsersStore, selectSortedUsers } from './users.store';

describe('users store', () => {
  it('lists users, enabled first and by name', async () => {
    const api = fakeDesk({
      'users.list': () => [
        aUser({ id: 'u1', displayName: 'Zoe' }),
        aUser({ id: 'u2', displayName: 'Ana', disabled: true }),
        aUser({ id: 'u3', displayName: 'Bruno' }),
      ],
    });
    const store = createUsersStore(api);
    await store.getState().refreshRequested();
    expect(selectSortedUsers(store.getState(), 'es').map((u) => u.displayName)).toEqual(['Bruno', 'Zoe', 'Ana']);
  });

  it('creates an associate with their locations, a planner with none, an identity-provider user without a password', async () => {
    const api = fakeDesk({
      'users.create': (input) =>
        aUser({
          id: `id-${input.username}`,
          username: input.username,
          role: input.role,
          locations: input.locations ?? [],
          external: !input.password,
        }),
    });
    const store = createUsersStore(api);
    store.getState().formOpened({ mode: 'create' });
    expect(
      await store.getState().createSubmitted({
        username: ' ana ',
        displayName: 'Ana',
        role: 'associate',
        locations: ['loc-1'],
        password: 'a long passphrase',
      }),
    ).toBe(true);
    await store.getState().createSubmitted({ username: 'pau', displayName: 'Pau', role: 'planner', locations: ['loc-1'], password: null });
    expect(api.inputsOf('users.create')).toEqual([
      { username: 'ana', displayName: 'Ana', role: 'associate', locations: ['loc-1'], password: 'a long passphrase' },
      { username: 'pau', displayName: 'Pau', role: 'planner', locations: [] },
    ]);
    expect(store.getState()).toMatchObject({ form: null, notice: { kind: 'created' } });
    expect(store.getState().users.map((u) => [u.username, u.external])).toEqual([
      ['ana', false],
      ['pau', true],
    ]);
  });

  it("keeps the form open with the engine's reason when it refuses", async () => {
    const api = fakeDesk({
      'users.create': () => {
        throw new AppError('VALIDATION_FAILED', 'username: already taken — choose another');
      },
    });
    const store = createUsersStore(api);
    store.getState().formOpened({ mode: 'create' });
    expect(
      await store
        .getState()
        .createSubmitted({ username: 'ana', displayName: 'Ana', role: 'planner', locations: [], password: 'x'.repeat(12) }),
    ).toBe(false);
    expect(store.getState()).toMatchObject({
      form: { mode: 'create' },
      formError: 'username: already taken — choose another',
      busy: false,
    });
  });

  it('edits, disables and resets a password, replacing the row with the answer', async () => {
    let user = aUser({ id: 'u1', displayName: 'Ana' });
    const api = fakeDesk({
      'users.list': () => [user],
      'users.update': (input) => (user = { ...user, ...input, locations: input.locations ?? user.locations }),
      'users.resetPassword': () => user,
    });
    const store = createUsersStore(api);
    await store.getState().refreshRequested();
    await store.getState().editSubmitted('u1', { displayName: ' Ana M ', role: 'associate', locations: ['loc-2'] });
    await store.getState().disabledToggled(store.getState().users[0]!);
    expect(store.getState().notice).toEqual({ kind: 'disabled', name: 'Ana M' });
    await store.getState().passwordResetSubmitted('u1', 'another passphrase');
    expect(api.inputsOf('users.update')).toEqual([
      { id: 'u1', displayName: 'Ana M', role: 'associate', locations: ['loc-2'] },
      { id: 'u1', disabled: true },
    ]);
    expect(api.inputsOf('users.resetPassword')).toEqual([{ id: 'u1', password: 'another passphrase' }]);
    expect(store.getState().users).toEqual([
      expect.objectContaining({ id: 'u1', displayName: 'Ana M', role: 'associate', disabled: true }),
    ]);
    expect(store.getState().notice).toEqual({ kind: 'passwordReset', name: 'Ana M' });
  });
});
