import { useState } from 'react';
import { useT } from '../../i18n/locale.store';
import { isMessageKey } from '../../i18n/i18n';
import { useNow } from '../../lib/use-now';
import { sessionClient } from '../../api/session-client';
import { selectRetryIn, useSessionStore } from './session.store';
import { SessionCard } from './session-card';

/** The sign-in form: user name and password, and the identity provider when one is configured. */
export function SignInScreen() {
  const { t } = useT();
  const options = useSessionStore((s) => s.options);
  const ended = useSessionStore((s) => s.ended);
  const busy = useSessionStore((s) => s.busy);
  const problem = useSessionStore((s) => s.problem);
  const oidcFailure = useSessionStore((s) => s.oidcFailure);
  const now = useNow(1000);
  const retryIn = selectRetryIn({ problem }, now);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const oidcKey = oidcFailure ? `signin.oidcFailed.${oidcFailure}` : '';

  const alert =
    problem?.kind === 'credentials'
      ? t('signin.wrong')
      : problem?.kind === 'rateLimited'
        ? retryIn > 0
          ? t('signin.rateLimited', { n: retryIn })
          : null
        : problem?.kind === 'other'
          ? problem.message
          : oidcFailure
            ? isMessageKey(oidcKey)
              ? t(oidcKey)
              : t('signin.oidcFailed', { code: oidcFailure })
            : null;

  return (
    <SessionCard title={t('signin.title')} subtitle={t('signin.subtitle')} testId="signin-screen">
      {ended ? (
        <div className="banner info" role="status" data-testid="signin-ended">
          {t('signin.ended')}
        </div>
      ) : null}
      <form
        className="session-form"
        data-testid="signin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void useSessionStore
            .getState()
            .signInSubmitted(username, password)
            .then((ok) => ok || setPassword(''));
        }}
      >
        <label htmlFor="signin-username">{t('signin.username')}</label>
        <input
          id="signin-username"
          data-testid="signin-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="signin-password">{t('signin.password')}</label>
        <input
          id="signin-password"
          data-testid="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {alert ? (
          <div className="banner error" role="alert" data-testid="signin-error" data-kind={problem?.kind ?? 'oidc'}>
            {alert}
          </div>
        ) : null}
        <button type="submit" className="primary" data-testid="signin-submit" disabled={busy || retryIn > 0}>
          {busy ? t('signin.working') : t('signin.submit')}
        </button>
      </form>
      {options?.oidc && sessionClient.oidcUrl ? (
        <>
          <div className="session-or">
            <span>{t('signin.or')}</span>
          </div>
          <a className="button-link" href={sessionClient.oidcUrl} data-testid="signin-oidc">
            {t('signin.oidc', { label: options.oidc.label })}
          </a>
        </>
      ) : null}
    </SessionCard>
  );
}
