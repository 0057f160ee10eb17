import { useEffect, useState } from 'react';
import { ApiKeyScopeSchema } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import { useApiKeysStore, type ApiKeyScope } from './api-keys.store';

const SCOPES = ApiKeyScopeSchema.options;

function CopySecret({ secret }: { secret: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="ghost"
      data-testid="api-key-copy"
      onClick={() =>
        void navigator.clipboard?.writeText(secret).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {copied ? t('apiKeys.secret.copied') : t('apiKeys.secret.copy')}
    </button>
  );
}

function NewKeyForm() {
  const { t } = useT();
  const busy = useApiKeysStore((s) => s.busy);
  const formError = useApiKeysStore((s) => s.formError);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [local, setLocal] = useState<string | null>(null);
  return (
    <form
      className="channel-form"
      data-testid="api-key-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (scopes.length === 0) return setLocal(t('apiKeys.form.scopes.required'));
        setLocal(null);
        void useApiKeysStore.getState().createSubmitted(name, scopes);
      }}
    >
      <div className="form-grid">
        <label htmlFor="api-key-name">{t('apiKeys.form.name')}</label>
        <div>
          <input
            id="api-key-name"
            data-testid="api-key-name"
            required
            maxLength={120}
            autoFocus
            aria-describedby="api-key-name-hint"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div id="api-key-name-hint" className="muted small">
            {t('apiKeys.form.name.hint')}
          </div>
        </div>
        <span>{t('apiKeys.form.scopes')}</span>
        <div role="group" aria-label={t('apiKeys.form.scopes')}>
          {SCOPES.map((s) => (
            <label key={s} style={{ display: 'block' }}>
              <input
                type="checkbox"
                data-testid={`api-key-scope-${s}`}
                checked={scopes.includes(s)}
                onChange={() => setScopes(scopes.includes(s) ? scopes.filter((x) => x !== s) : [...scopes, s])}
              />{' '}
              {t(`apiKeys.scope.${s}`)}
            </label>
          ))}
        </div>
      </div>
      {local || formError ? (
        <div className="banner error" role="alert" data-testid="api-key-form-error">
          {local ?? formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="api-key-create" disabled={busy}>
          {t('apiKeys.form.create')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => useApiKeysStore.getState().formToggled(false)}>
          {t('apiKeys.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The admin's API keys: list, create (the secret shown once), revoke with a confirmation. */
export function ApiKeysView() {
  const { t, locale } = useT();
  const { keys, loading, error, busy, formOpen, revealed, confirmRevoke } = useApiKeysStore();
  const store = useApiKeysStore.getState();
  useEffect(() => void useApiKeysStore.getState().refreshRequested(), []);
  return (
    <main className="intake-view single" data-testid="api-keys-view">
      <section className="panel intake-list">
        <div className="panel-head">
          <h2>{t('apiKeys.title')}</h2>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          <button type="button" className="primary" data-testid="api-key-add" onClick={() => store.formToggled(true)}>
            {t('apiKeys.add')}
          </button>
        </div>
        <p className="muted small" style={{ margin: '6px 12px' }}>
          {t('apiKeys.help')}
        </p>
        {error ? (
          <div className="banner error" role="alert" data-testid="api-keys-error">
            {t('apiKeys.error', { message: error })}
          </div>
        ) : null}
        {revealed ? (
          <div className="banner key-banner" role="status" data-testid="api-key-secret-banner">
            <strong>{t('apiKeys.secret.title', { name: revealed.name })}</strong>
            <p className="small">⚠ {t('apiKeys.secret.once')}</p>
            <code className="mono" data-testid="api-key-secret">
              {revealed.secret}
            </code>
            <div className="action-row">
              <CopySecret secret={revealed.secret} />
              <button type="button" data-testid="api-key-secret-done" onClick={() => store.secretDismissed()}>
                {t('apiKeys.secret.done')}
              </button>
            </div>
          </div>
        ) : null}
        {formOpen ? <NewKeyForm /> : null}
        {keys.length === 0 && !loading && !error ? <p className="muted intake-empty">{t('apiKeys.empty')}</p> : null}
        <table className="intake-table" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>{t('apiKeys.col.name')}</th>
              <th>{t('apiKeys.col.scopes')}</th>
              <th>{t('apiKeys.col.prefix')}</th>
              <th>{t('apiKeys.col.created')}</th>
              <th>{t('apiKeys.col.lastUsed')}</th>
              <th>{t('apiKeys.col.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-testid="api-key-row" data-key-id={k.id} data-revoked={k.revokedAt ? 'true' : 'false'}>
                <td>{k.name}</td>
                <td>{k.scopes.map((s) => t(`apiKeys.scope.${s}`)).join(', ')}</td>
                <td className="mono">{k.prefix}…</td>
                <td title={k.createdBy}>{formatDateTime(locale, k.createdAt)}</td>
                <td>{k.lastUsedAt ? <RelativeTime iso={k.lastUsedAt} /> : <span className="muted">{t('apiKeys.never')}</span>}</td>
                <td>
                  <span className={k.revokedAt ? 'inbox-status quarantined' : 'inbox-status processed'}>
                    {k.revokedAt ? t('apiKeys.revoked') : t('apiKeys.active')}
                  </span>
                </td>
                <td className="row-actions">
                  {k.revokedAt ? null : confirmRevoke === k.id ? (
                    <span role="alertdialog" aria-label={t('apiKeys.revoke.confirm', { name: k.name })}>
                      <span className="small">{t('apiKeys.revoke.confirm', { name: k.name })}</span>{' '}
                      <button
                        type="button"
                        className="danger"
                        data-testid="api-key-revoke-yes"
                        disabled={busy}
                        onClick={() => void store.revokeConfirmed()}
                      >
                        {t('apiKeys.revoke.yes')}
                      </button>{' '}
                      <button type="button" className="ghost" disabled={busy} onClick={() => store.revokeAsked(null)}>
                        {t('apiKeys.revoke.no')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="danger ghost" data-testid="api-key-revoke" onClick={() => store.revokeAsked(k.id)}>
                      {t('apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
