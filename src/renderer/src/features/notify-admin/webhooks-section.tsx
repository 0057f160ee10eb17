import { useEffect, useState } from 'react';
import { NOTIFICATION_EVENTS, type WebhookEndpoint } from '../../../../shared';
import { ReloadBanner } from '../../components/reload-banner';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import { DeliveryLog } from './delivery-log';
import { useDeliveriesStore } from './deliveries.store';
import { formOf, newEndpointForm } from './endpoint-form';
import { EndpointFormView } from './endpoint-form-view';
import { useEndpointsStore } from './endpoints.store';
import './webhooks.css';

function CopySecret({ secret }: { secret: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="ghost"
      data-testid="endpoint-secret-copy"
      onClick={() =>
        void navigator.clipboard?.writeText(secret).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {copied ? t('notifyAdmin.hooks.secret.copied') : t('notifyAdmin.hooks.secret.copy')}
    </button>
  );
}

/** A just-made signing secret, shown this once with a copy button. */
function SecretBanner() {
  const { t } = useT();
  const revealed = useEndpointsStore((s) => s.revealed);
  if (!revealed) return null;
  return (
    <div className="banner key-banner hook-secret" role="status" data-testid="endpoint-secret-banner">
      <div>
        <strong>{t('notifyAdmin.hooks.secret.title', { id: revealed.id })}</strong>
        <p className="small">⚠ {t('notifyAdmin.hooks.secret.once')}</p>
        <code className="mono" data-testid="endpoint-secret">
          {revealed.secret}
        </code>
        <div className="action-row">
          <CopySecret secret={revealed.secret} />
          <button type="button" data-testid="endpoint-secret-done" onClick={() => useEndpointsStore.getState().secretDismissed()}>
            {t('notifyAdmin.hooks.secret.done')}
          </button>
        </div>
      </div>
    </div>
  );
}

function EndpointRow({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const { t } = useT();
  const confirm = useEndpointsStore((s) => s.confirmRotate === e.id);
  const busy = useEndpointsStore((s) => s.busy);
  const rotateError = useEndpointsStore((s) => (s.confirmRotate === e.id ? s.rotateError : null));
  const store = useEndpointsStore.getState();
  const all = e.events.length === NOTIFICATION_EVENTS.length;
  return (
    <tr data-testid="endpoint-row" data-endpoint-id={e.id} data-enabled={e.enabled} className={e.enabled ? undefined : 'inactive'}>
      <td className="hook-ident">
        <strong className="mono">{e.id}</strong>
        <span className="mono small muted hook-url" title={e.url} data-testid="endpoint-url-shown">
          {e.url}
        </span>
      </td>
      <td className="hook-event-tags">
        {all ? (
          <span className="hook-tag">{t('notifyAdmin.hooks.allEvents')}</span>
        ) : (
          e.events.map((ev) => (
            <span key={ev} className="hook-tag">
              {t(`notify.event.${ev}`)}
            </span>
          ))
        )}
      </td>
      <td>
        <span className={e.enabled ? 'inbox-status processed' : 'inbox-status quarantined'} data-testid="endpoint-state">
          {e.enabled ? t('notifyAdmin.hooks.enabled') : t('notifyAdmin.hooks.disabled')}
        </span>
        {e.disabledReason ? (
          <div className="small hook-off" data-testid="endpoint-disabled-reason">
            {t('notifyAdmin.hooks.disabledBy', { reason: e.disabledReason })}
          </div>
        ) : null}
        <div className="muted small">
          {t('notifyAdmin.hooks.updated')} <RelativeTime iso={e.updatedAt} />
        </div>
      </td>
      <td className="row-actions">
        {confirm ? (
          <span role="alertdialog" aria-label={t('notifyAdmin.hooks.rotate')} className="hook-confirm">
            <span className="small">{t('notifyAdmin.hooks.rotate.confirm', { id: e.id })}</span>
            <button
              type="button"
              className="danger"
              data-testid="endpoint-rotate-yes"
              disabled={busy}
              onClick={() => void store.rotateConfirmed()}
            >
              {t('notifyAdmin.hooks.rotate.yes')}
            </button>
            <button type="button" className="ghost" autoFocus disabled={busy} onClick={() => store.rotateAsked(null)}>
              {t('notifyAdmin.hooks.rotate.no')}
            </button>
            {rotateError ? <span className="field-error">{rotateError}</span> : null}
          </span>
        ) : (
          <>
            <button
              type="button"
              className="ghost"
              data-testid="endpoint-deliveries"
              onClick={() => void useDeliveriesStore.getState().endpointChosen(e.id)}
            >
              {t('notifyAdmin.hooks.showDeliveries')}
            </button>
            <button type="button" className="ghost" data-testid="endpoint-edit" onClick={() => store.formOpened(formOf(e))}>
              {t('notifyAdmin.hooks.edit')}
            </button>
            <button type="button" className="ghost" data-testid="endpoint-rotate" onClick={() => store.rotateAsked(e.id)}>
              {t('notifyAdmin.hooks.rotate')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Webhooks: the merchant's endpoints (add, edit, rotate the secret, shown once) above the delivery log. */
export function WebhooksSection() {
  const { t } = useT();
  const { endpoints, loaded, loading, error, form } = useEndpointsStore();
  useEffect(() => void useEndpointsStore.getState().refreshRequested(), []);
  return (
    <div className="hooks-section" data-testid="webhooks-section">
      <section className="hook-endpoints" aria-labelledby="hook-endpoints-title">
        <div className="hook-head">
          <h3 id="hook-endpoints-title">{t('notifyAdmin.hooks.title')}</h3>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          <span className="muted small hook-hint">{t('notifyAdmin.hooks.hint')}</span>
          <button
            type="button"
            className="primary"
            data-testid="endpoint-add"
            onClick={() => useEndpointsStore.getState().formOpened(newEndpointForm())}
          >
            {t('notifyAdmin.hooks.add')}
          </button>
        </div>
        <ReloadBanner
          message={error ? t('notifyAdmin.hooks.error', { message: error }) : null}
          onReload={() => void useEndpointsStore.getState().refreshRequested()}
        />
        <SecretBanner />
        {form ? <EndpointFormView key={form.existing ? form.id : 'new'} /> : null}
        {loaded && endpoints.length === 0 && !error && !form ? <p className="muted">{t('notifyAdmin.hooks.none')}</p> : null}
        {endpoints.length ? (
          <table className="intake-table hook-table" data-testid="endpoints-table">
            <thead>
              <tr>
                <th>{t('notifyAdmin.hooks.col.endpoint')}</th>
                <th>{t('notifyAdmin.hooks.col.events')}</th>
                <th>{t('notifyAdmin.hooks.col.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <EndpointRow key={e.id} endpoint={e} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <DeliveryLog />
    </div>
  );
}
