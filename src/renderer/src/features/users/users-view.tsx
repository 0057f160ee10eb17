import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import type { User } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { roleName } from '../../i18n/forbidden';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import { useLocationsStore } from '../map/locations.store';
import { PasswordResetPanel, UserFormPanel } from './user-form';
import { selectSortedUsers, useUsersStore } from './users.store';

/** The list arrives whole from the engine (a company has tens of desk users, not thousands): the table lays it out. */
const usersFeatures = tableFeatures({});
const helper = createColumnHelper<typeof usersFeatures, User>();

function Msg({ k }: { k: MessageKey }) {
  return <>{useT().t(k)}</>;
}

function RoleCell({ role }: { role: string }) {
  const { locale } = useT();
  return <>{roleName(locale, role)}</>;
}

function LocationsCell({ user }: { user: User }) {
  const { t } = useT();
  const locations = useLocationsStore((s) => s.locations);
  if (user.role !== 'associate') return <span className="muted">{t('users.allLocations')}</span>;
  return <>{user.locations.map((id) => locations.find((l) => l.id === id)?.name ?? id).join(', ')}</>;
}

function StatusCell({ user }: { user: User }) {
  const { t } = useT();
  return (
    <span className={user.disabled ? 'inbox-status held' : 'inbox-status processed'} data-testid="user-status">
      {user.disabled ? t('users.disabled') : t('users.active')}
      {user.external ? <span className="muted small"> · {t('users.external')}</span> : null}
    </span>
  );
}

function Actions({ user }: { user: User }) {
  const { t } = useT();
  const busy = useUsersStore((s) => s.busy);
  const store = useUsersStore.getState();
  return (
    <>
      <button
        type="button"
        className="ghost"
        data-testid="user-edit"
        disabled={busy}
        onClick={() => store.formOpened({ mode: 'edit', id: user.id })}
      >
        {t('users.edit')}
      </button>
      {user.external ? null : (
        <button
          type="button"
          className="ghost"
          data-testid="user-reset"
          disabled={busy}
          onClick={() => store.formOpened({ mode: 'password', id: user.id })}
        >
          {t('users.resetPassword')}
        </button>
      )}
      <button
        type="button"
        className={user.disabled ? 'ghost' : 'danger ghost'}
        data-testid="user-toggle"
        disabled={busy}
        onClick={() => void store.disabledToggled(user)}
      >
        {user.disabled ? t('users.enable') : t('users.disable')}
      </button>
    </>
  );
}

const columns = helper.columns([
  helper.accessor('displayName', { id: 'name', header: () => <Msg k="users.col.name" />, cell: (c) => <strong>{c.getValue()}</strong> }),
  helper.accessor('username', {
    id: 'username',
    header: () => <Msg k="users.col.username" />,
    cell: (c) => <span className="mono">{c.getValue()}</span>,
  }),
  helper.accessor('role', { id: 'role', header: () => <Msg k="users.col.role" />, cell: (c) => <RoleCell role={c.getValue()} /> }),
  helper.display({ id: 'locations', header: () => <Msg k="users.col.locations" />, cell: (c) => <LocationsCell user={c.row.original} /> }),
  helper.display({ id: 'status', header: () => <Msg k="users.col.status" />, cell: (c) => <StatusCell user={c.row.original} /> }),
  helper.accessor('lastSignInAt', {
    id: 'lastSignIn',
    header: () => <Msg k="users.col.lastSignIn" />,
    cell: (c) => {
      const v = c.getValue();
      return v ? <RelativeTime iso={v} /> : <span className="muted">{<Msg k="users.never" />}</span>;
    },
  }),
  helper.display({ id: 'actions', header: () => null, cell: (c) => <Actions user={c.row.original} /> }),
]);

/** The admin's Users view: who may sign in, with which role and locations; create, edit, disable, reset a password. */
export function UsersView() {
  const { t, locale } = useT();
  const users = useUsersStore((s) => s.users);
  const loading = useUsersStore((s) => s.loading);
  const error = useUsersStore((s) => s.error);
  const form = useUsersStore((s) => s.form);
  const notice = useUsersStore((s) => s.notice);
  const sorted = useMemo(() => selectSortedUsers({ users }, locale), [users, locale]);
  useEffect(() => {
    void useUsersStore.getState().refreshRequested();
    if (!useLocationsStore.getState().loaded) void useLocationsStore.getState().refreshRequested();
  }, []);
  const table = useTable({ features: usersFeatures, columns, data: sorted, getRowId: (u) => u.id });
  const target = form && form.mode !== 'create' ? (users.find((u) => u.id === form.id) ?? null) : null;

  return (
    <main className="intake-view single" data-testid="users-view">
      <section className="panel intake-list">
        <div className="panel-head">
          <h2>{t('users.title')}</h2>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          <button
            type="button"
            className="primary"
            data-testid="user-add"
            onClick={() => useUsersStore.getState().formOpened({ mode: 'create' })}
          >
            {t('users.add')}
          </button>
        </div>
        <p className="muted small" style={{ margin: '6px 12px' }}>
          {t('users.help')}
        </p>
        {error ? (
          <div className="banner error" role="alert" data-testid="users-error">
            {t('users.error', { message: error })}
          </div>
        ) : null}
        {notice ? (
          <div className="banner info" role="status" data-testid="users-notice">
            {t(`users.notice.${notice.kind}`, { name: notice.name })}
          </div>
        ) : null}
        {form?.mode === 'create' ? <UserFormPanel key="create" editing={null} /> : null}
        {form?.mode === 'edit' && target ? <UserFormPanel key={target.id} editing={target} /> : null}
        {form?.mode === 'password' && target ? <PasswordResetPanel key={target.id} user={target} /> : null}
        {users.length === 0 && !loading && !error ? <p className="muted intake-empty">{t('users.empty')}</p> : null}
        <table className="intake-table" data-testid="users-table">
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th key={h.id} className={`col-${h.column.id}`}>
                    <table.FlexRender header={h} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-testid="user-row"
                data-user-id={row.original.id}
                data-username={row.original.username}
                className={row.original.disabled ? 'muted' : ''}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.id === 'actions' ? 'row-actions' : `col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
