import { useEffect } from 'react';
import type { CarrierAccount } from '../../../../shared';
import { ReloadBanner } from '../../components/reload-banner';
import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';
import '../intake.css';
import { CarrierFormView } from './carrier-form-view';
import { formOf, newCarrierForm } from './carrier-form';
import { capabilityTags, useCarriersStore } from './carriers.store';
import './carriers.css';

/** Where a carrier posts its webhooks: the engine's public address (the desk's own origin on the web desk) and the account's path. */
function webhookUrl(a: CarrierAccount): string {
  const origin =
    typeof window !== 'undefined' && window.location.origin.startsWith('http') ? window.location.origin : 'http://127.0.0.1:4780';
  return `${origin}${a.webhookPath}`;
}

/** Carrier accounts: kind, name, enabled, what the carrier can do, the circuit breaker, the webhook URL; add, edit and test (admins). */
export function CarriersView() {
  const { t } = useT();
  const accounts = useCarriersStore((s) => s.accounts);
  const loading = useCarriersStore((s) => s.loading);
  const error = useCarriersStore((s) => s.error);
  const form = useCarriersStore((s) => s.form);
  const maySave = useMay('carriers.save');
  useEffect(() => void useCarriersStore.getState().refreshRequested(), []);
  return (
    <main className="panel carriers-view" data-testid="carriers-view" aria-label={t('carriers.title')}>
      <div className="panel-head">
        <h2>{t('carriers.title')}</h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="muted small">{t('carriers.hint')}</span>
        <span className="topbar-spacer" />
        <button
          type="button"
          className="primary"
          data-testid="carrier-add"
          disabled={!maySave.ok}
          title={maySave.why}
          onClick={() => useCarriersStore.getState().formOpened(newCarrierForm())}
        >
          {t('carriers.add')}
        </button>
      </div>
      <ReloadBanner
        message={error ? t('carriers.error', { message: error }) : null}
        onReload={() => void useCarriersStore.getState().refreshRequested()}
      />
      <div className="carriers-scroll">
        {form ? <CarrierFormView key={form.existing ? form.id : 'new'} /> : null}
        {accounts.length === 0 && !loading && !error ? <p className="muted">{t('carriers.none')}</p> : null}
        {accounts.length ? (
          <table className="carriers-table" data-testid="carriers-table">
            <thead>
              <tr>
                <th>{t('carriers.col.account')}</th>
                <th>{t('carriers.col.capabilities')}</th>
                <th>{t('carriers.col.circuit')}</th>
                <th>{t('carriers.col.webhook')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <AccountRow key={a.id} account={a} />
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </main>
  );
}

function AccountRow({ account: a }: { account: CarrierAccount }) {
  const { t } = useT();
  const test = useCarriersStore((s) => s.tests[a.id]);
  const maySave = useMay('carriers.save');
  const mayTest = useMay('carriers.test');
  const store = useCarriersStore.getState();
  return (
    <tr data-testid="carrier-row" data-account-id={a.id} className={a.enabled ? undefined : 'inactive'}>
      <td>
        <strong>{a.name}</strong> <span className="mono muted small">{a.id}</span>
        <div className="small">
          {t(`carriers.kind.${a.kind}`)}
          {a.enabled ? null : <span className="muted"> · {t('carriers.disabled')}</span>}
        </div>
        <div className="muted small" data-testid="carrier-secrets">
          {a.secretsSet.length ? t('carriers.secretsSet', { names: a.secretsSet.join(', ') }) : t('carriers.noSecrets')}
        </div>
      </td>
      <td>
        <span className="cap-tags">
          {capabilityTags(a.capabilities).map((c) => (
            <span key={c} className="cap-tag">
              {t(`carriers.cap.${c}`)}
            </span>
          ))}
        </span>
        {a.capabilities.labelFormats.length ? (
          <div className="muted small">{a.capabilities.labelFormats.join(' · ').toUpperCase()}</div>
        ) : null}
      </td>
      <td>
        <span className={`circuit circuit-${a.circuit}`} data-testid="carrier-circuit" data-circuit={a.circuit}>
          <span className="dot" aria-hidden="true" />
          {t(`carriers.circuit.${a.circuit}`)}
        </span>
      </td>
      <td>
        <code className="mono small webhook-url" title={webhookUrl(a)}>
          {webhookUrl(a)}
        </code>
      </td>
      <td className="carrier-actions">
        <button
          type="button"
          className="ghost"
          data-testid="carrier-test"
          disabled={!mayTest.ok || test?.state === 'running'}
          title={mayTest.why}
          onClick={() => void store.tested(a.id)}
        >
          {test?.state === 'running' ? t('carriers.testing') : t('carriers.test')}
        </button>
        <button
          type="button"
          className="ghost"
          data-testid="carrier-edit"
          disabled={!maySave.ok}
          title={maySave.why}
          onClick={() => store.formOpened(formOf(a))}
        >
          {t('carriers.edit')}
        </button>
        {test?.state === 'done' ? (
          <div className={test.ok ? 'test-result ok' : 'test-result bad'} role="status" data-testid="carrier-test-result" data-ok={test.ok}>
            {test.ok ? '✓ ' : '✗ '}
            {test.message}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
