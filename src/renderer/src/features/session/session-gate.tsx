import { useEffect, useState, type ReactNode } from 'react';
import { desk } from '../../api/desk-client';
import { ENGINE_UNREACHABLE } from '../../api/engine-error';
import { useLocaleStore, useT } from '../../i18n/locale.store';
import { explainFailures } from './session-wiring';
import { useSessionStore } from './session.store';
import { SetupScreen } from './setup-screen';
import { SignInScreen } from './sign-in-screen';
import { SessionCard } from './session-card';

/**
 * What the address bar brought: the setup token of the link printed at start (`#token=…`) and why a
 * round trip through the identity provider failed (`?signin=<code>`). Both are read once and taken
 * out of the address bar, so the token is not left in the history or shown over a shoulder.
 */
export function takeFromAddress(loc: Pick<Location, 'hash' | 'search' | 'pathname'>, replace: (url: string) => void) {
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const search = new URLSearchParams(loc.search);
  const token = hash.get('token') ?? '';
  const signin = search.get('signin');
  if (token || signin) {
    search.delete('signin');
    const rest = search.toString();
    replace(`${loc.pathname}${rest ? `?${rest}` : ''}`);
  }
  return { token, oidcFailure: signin && /^[\w.-]{1,64}$/.test(signin) ? signin : signin ? 'failed' : null };
}

let fromAddress: { token: string; oidcFailure: string | null } | null = null;
const address = () =>
  (fromAddress ??=
    typeof window === 'undefined'
      ? { token: '', oidcFailure: null }
      : takeFromAddress(window.location, (url) => window.history.replaceState(null, '', url)));

/** Shows the desk only to someone signed in; before that, the first-run setup or the sign-in form. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useT();
  const status = useSessionStore((s) => s.status);
  const unreachable = useSessionStore((s) => s.unreachable);
  const [initial] = useState(address);
  useEffect(() => explainFailures(desk, useSessionStore, () => useLocaleStore.getState().locale), []);
  useEffect(() => {
    void useSessionStore.getState().started({ oidcFailure: initial.oidcFailure });
  }, [initial]);

  switch (status) {
    case 'signedIn':
      return <>{children}</>;
    case 'setup':
      return <SetupScreen initialToken={initial.token} />;
    case 'signedOut':
      return <SignInScreen />;
    case 'unreachable':
      return (
        <SessionCard title={t('app.tagline')} testId="session-unreachable">
          <div className="banner error" role="alert">
            {t('session.unreachable', {
              message: unreachable?.startsWith(ENGINE_UNREACHABLE) ? t('error.network') : (unreachable ?? ''),
            })}
          </div>
          <button type="button" className="primary" onClick={() => void useSessionStore.getState().started()}>
            {t('session.retry')}
          </button>
        </SessionCard>
      );
    case 'starting':
      return (
        <main className="session-screen" data-testid="session-starting" aria-busy="true">
          <p className="muted">{t('session.starting')}</p>
        </main>
      );
  }
}
