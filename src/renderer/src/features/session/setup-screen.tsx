import { useState } from 'react';
import { useT } from '../../i18n/locale.store';
import { sessionClient } from '../../api/session-client';
import { useSessionStore } from './session.store';
import { SessionCard } from './session-card';

const MIN_PASSWORD = 12;

/**
 * The first run: no admin exists. The token comes from the link the engine printed at start (its
 * `#token=…` fragment, read once and taken out of the address bar); the Electron desk needs none.
 */
export function SetupScreen({ initialToken }: { initialToken: string }) {
  const { t } = useT();
  const busy = useSessionStore((s) => s.busy);
  const problem = useSessionStore((s) => s.problem);
  const [token, setToken] = useState(initialToken);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  // In Electron the main process vouches for the person at the computer: no token to type.
  const tokenOptional = sessionClient.oidcUrl === null;

  const alert = local ?? (problem?.kind === 'setupToken' ? t('setup.badToken') : problem?.kind === 'other' ? problem.message : null);

  return (
    <SessionCard title={t('setup.title')} subtitle={t('setup.subtitle')} testId="setup-screen">
      <form
        className="session-form"
        data-testid="setup-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (password.length < MIN_PASSWORD) return setLocal(t('setup.tooShort'));
          if (password !== password2) return setLocal(t('setup.mismatch'));
          setLocal(null);
          void useSessionStore.getState().setupSubmitted({ token: token.trim(), displayName, username, password });
        }}
      >
        <label htmlFor="setup-display-name">{t('setup.displayName')}</label>
        <input
          id="setup-display-name"
          data-testid="setup-display-name"
          autoComplete="name"
          required
          maxLength={200}
          autoFocus
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <label htmlFor="setup-username">{t('setup.username')}</label>
        <input
          id="setup-username"
          data-testid="setup-username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={120}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="setup-password">{t('setup.password')}</label>
        <input
          id="setup-password"
          data-testid="setup-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          aria-describedby="setup-password-hint"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span id="setup-password-hint" className="muted small">
          {t('setup.password.hint')}
        </span>
        <label htmlFor="setup-password2">{t('setup.password2')}</label>
        <input
          id="setup-password2"
          data-testid="setup-password2"
          type="password"
          autoComplete="new-password"
          required
          value={password2}
          onChange={(e) => setPassword2(e.target.value)}
        />
        <label htmlFor="setup-token">{t('setup.token')}</label>
        <input
          id="setup-token"
          data-testid="setup-token"
          autoComplete="off"
          spellCheck={false}
          required={!tokenOptional}
          aria-describedby="setup-token-hint"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <span id="setup-token-hint" className="muted small">
          {tokenOptional ? t('setup.token.optional') : t('setup.token.hint')}
        </span>
        {alert ? (
          <div className="banner error" role="alert" data-testid="setup-error">
            {alert}
          </div>
        ) : null}
        <button type="submit" className="primary" data-testid="setup-submit" disabled={busy}>
          {busy ? t('setup.working') : t('setup.submit')}
        </button>
      </form>
    </SessionCard>
  );
}
