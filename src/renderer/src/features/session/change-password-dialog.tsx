import { useState } from 'react';
import { desk, EngineError } from '../../api/desk-client';
import { useT } from '../../i18n/locale.store';

const MIN_PASSWORD = 12;

/**
 * The user's own password: current, new twice. The engine ends their other sessions; this one
 * stays. A wrong current password is said here; whether the session is still alive is asked after.
 */
export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [next2, setNext2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (next.length < MIN_PASSWORD) return setError(t('setup.tooShort'));
    if (next !== next2) return setError(t('setup.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await desk.call('session.changePassword', { currentPassword: current, newPassword: next });
      setDone(true);
    } catch (e) {
      const wrong = e instanceof EngineError && (e.code === 'UNAUTHORIZED' || e.issues?.some((i) => i.path === 'currentPassword'));
      setError(wrong ? t('password.wrongCurrent') : e instanceof Error ? e.message : String(e));
      // An UNAUTHORIZED may also mean the session itself ended: asking who is signed in tells (and signs out if so).
      if (e instanceof EngineError && e.code === 'UNAUTHORIZED') void desk.call('session.me', {}).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <form
        className="modal session-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-title"
        data-testid="password-dialog"
        onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 id="password-title">{t('password.title')}</h3>
        {done ? (
          <>
            <div className="banner info" role="status" data-testid="password-done">
              {t('password.done')}
            </div>
            <button type="button" className="primary" autoFocus onClick={onClose}>
              {t('password.close')}
            </button>
          </>
        ) : (
          <>
            <label htmlFor="password-current">{t('password.current')}</label>
            <input
              id="password-current"
              data-testid="password-current"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
            <label htmlFor="password-new">{t('password.new')}</label>
            <input
              id="password-new"
              data-testid="password-new"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              aria-describedby="password-new-hint"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
            <span id="password-new-hint" className="muted small">
              {t('setup.password.hint')}
            </span>
            <label htmlFor="password-new2">{t('password.new2')}</label>
            <input
              id="password-new2"
              data-testid="password-new2"
              type="password"
              autoComplete="new-password"
              required
              value={next2}
              onChange={(e) => setNext2(e.target.value)}
            />
            {error ? (
              <div className="banner error" role="alert" data-testid="password-error">
                {error}
              </div>
            ) : null}
            <div className="action-row">
              <button type="submit" className="primary" data-testid="password-submit" disabled={busy}>
                {busy ? t('password.working') : t('password.submit')}
              </button>
              <button type="button" className="ghost" disabled={busy} onClick={onClose}>
                {t('password.cancel')}
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}
