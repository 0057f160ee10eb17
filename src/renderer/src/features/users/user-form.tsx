import { useState } from 'react';
import { STAFF_ROLES, type StaffRole, type User } from '../../../../shared';
import { roleName } from '../../i18n/forbidden';
import { useT } from '../../i18n/locale.store';
import { useLocationsStore } from '../map/locations.store';
import { useUsersStore } from './users.store';

const MIN_PASSWORD = 12;

/** Creating a user, or editing one's name, role and locations. */
export function UserFormPanel({ editing }: { editing: User | null }) {
  const { t, locale } = useT();
  const busy = useUsersStore((s) => s.busy);
  const formError = useUsersStore((s) => s.formError);
  const locations = useLocationsStore((s) => s.locations);
  const [username, setUsername] = useState(editing?.username ?? '');
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [role, setRole] = useState<StaffRole>(editing?.role ?? 'planner');
  const [chosen, setChosen] = useState<string[]>(editing?.locations ?? []);
  const [external, setExternal] = useState(false);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const store = useUsersStore.getState();

  const submit = () => {
    if (role === 'associate' && chosen.length === 0) return setLocal(t('users.form.locations.required'));
    if (!editing && !external && password.length < MIN_PASSWORD) return setLocal(t('setup.tooShort'));
    setLocal(null);
    if (editing) void store.editSubmitted(editing.id, { displayName, role, locations: chosen });
    else void store.createSubmitted({ username, displayName, role, locations: chosen, password: external ? null : password });
  };

  return (
    <form
      className="channel-form"
      data-testid="user-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{editing ? t('users.form.edit', { name: editing.displayName }) : t('users.form.create')}</h3>
      <div className="form-grid">
        {editing ? null : (
          <>
            <label htmlFor="user-username">{t('users.form.username')}</label>
            <input
              id="user-username"
              data-testid="user-username"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={120}
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </>
        )}
        <label htmlFor="user-display-name">{t('users.form.displayName')}</label>
        <input
          id="user-display-name"
          data-testid="user-display-name"
          required
          maxLength={200}
          autoFocus={!!editing}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <label htmlFor="user-role">{t('users.form.role')}</label>
        <select id="user-role" data-testid="user-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(locale, r)}
            </option>
          ))}
        </select>
        {role === 'associate' ? (
          <>
            <label htmlFor="user-locations">{t('users.form.locations')}</label>
            <div>
              <select
                id="user-locations"
                data-testid="user-locations"
                multiple
                size={Math.min(8, Math.max(3, locations.length))}
                aria-describedby="user-locations-hint"
                value={chosen}
                onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}
              >
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} · {l.city}
                  </option>
                ))}
              </select>
              <div id="user-locations-hint" className="muted small">
                {t('users.form.locations.hint')}
              </div>
            </div>
          </>
        ) : null}
        {editing ? null : (
          <>
            <span>{t('users.form.signIn')}</span>
            <div role="radiogroup" aria-label={t('users.form.signIn')}>
              <label>
                <input type="radio" name="user-sign-in" checked={!external} onChange={() => setExternal(false)} />{' '}
                {t('users.form.signIn.password')}
              </label>
              <br />
              <label>
                <input type="radio" name="user-sign-in" data-testid="user-external" checked={external} onChange={() => setExternal(true)} />{' '}
                {t('users.form.signIn.external')}
              </label>
            </div>
            {external ? null : (
              <>
                <label htmlFor="user-password">{t('users.form.password.label')}</label>
                <div>
                  <input
                    id="user-password"
                    data-testid="user-password"
                    type="password"
                    autoComplete="new-password"
                    minLength={MIN_PASSWORD}
                    required
                    aria-describedby="user-password-hint"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                  <div id="user-password-hint" className="muted small">
                    {t('users.form.password.hint')}
                  </div>
                </div>
              </>
            )}
          </>
        )}
      </div>
      {local || formError ? (
        <div className="banner error" role="alert" data-testid="user-form-error">
          {local ?? formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="user-save" disabled={busy}>
          {busy ? t('users.form.working') : editing ? t('users.form.save') : t('users.form.create.submit')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => store.formClosed()}>
          {t('users.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The admin sets a new password for someone (their sessions end). */
export function PasswordResetPanel({ user }: { user: User }) {
  const { t } = useT();
  const busy = useUsersStore((s) => s.busy);
  const formError = useUsersStore((s) => s.formError);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  return (
    <form
      className="channel-form"
      data-testid="user-reset-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (password.length < MIN_PASSWORD) return setLocal(t('setup.tooShort'));
        setLocal(null);
        void useUsersStore.getState().passwordResetSubmitted(user.id, password);
      }}
    >
      <h3>{t('users.form.password', { name: user.displayName })}</h3>
      <p className="muted small">{t('users.form.reset.note')}</p>
      <label htmlFor="user-reset-password">{t('password.new')}</label>{' '}
      <input
        id="user-reset-password"
        data-testid="user-reset-password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        required
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {local || formError ? (
        <div className="banner error" role="alert" data-testid="user-form-error">
          {local ?? formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="user-reset-save" disabled={busy}>
          {busy ? t('users.form.working') : t('users.form.reset.submit')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => useUsersStore.getState().formClosed()}>
          {t('users.form.cancel')}
        </button>
      </div>
    </form>
  );
}
