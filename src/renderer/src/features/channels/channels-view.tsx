import { useEffect, useState, type ReactNode } from 'react';
import { CHANNEL_KINDS, type Channel, type ChannelKind } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { translateOr } from '../../i18n/i18n';
import { formatPercent } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import { formFields, useChannelsStore } from './channels.store';
import { SkuMappings } from './sku-mappings';
import { useMay } from '../session/use-may';

/** Where the channel posts: API channels to `/orders`, storefronts and marketplaces to `/webhooks`. */
function webhookUrl(c: Channel): string {
  const origin =
    typeof window !== 'undefined' && window.location.origin.startsWith('http') ? window.location.origin : 'http://127.0.0.1:4780';
  return `${origin}${c.webhookPath}/${c.kind === 'api' ? 'orders' : 'webhooks'}`;
}

function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="ghost small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? t('channels.copied') : t('channels.copy')}
    </button>
  );
}

/** Channel management: health at a glance, add and edit (secrets write-only), pause and resume, API keys shown once. */
export function ChannelsView() {
  const { t, locale } = useT();
  const { channels, loading, error, busy, form, revealedKey } = useChannelsStore();
  const [mappingsOf, setMappingsOf] = useState<string | null>(null);
  // Channel configuration is the admin's; pausing is the supervisor's too. Others see the buttons off, with why.
  const mayCreate = useMay('channels.create');
  const mayEdit = useMay('channels.update');
  const mayPause = useMay('channels.setPaused');
  const mayRotate = useMay('channels.rotateKey');
  useEffect(() => useChannelsStore.getState().refreshRequested(), []);
  return (
    <main className="intake-view single" data-testid="channels-view">
      <section className="panel intake-list">
        <div className="panel-head">
          <h2>{t('channels.title')}</h2>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          <button
            type="button"
            className="primary"
            data-testid="channel-add"
            disabled={!mayCreate.ok}
            title={mayCreate.why}
            onClick={() => useChannelsStore.getState().addOpened()}
          >
            {t('channels.add')}
          </button>
        </div>
        {error ? (
          <div className="banner error" role="alert" data-testid="channels-error">
            {t('channels.error', { message: error })}
          </div>
        ) : null}
        {revealedKey ? (
          <div className="banner key-banner" role="status" data-testid="api-key-banner">
            <strong>{t('channels.key.title', { name: revealedKey.channelName })}</strong>
            <p className="small">{t('channels.key.once')}</p>
            <code className="mono" data-testid="api-key">
              {revealedKey.apiKey}
            </code>
            <div className="action-row">
              <CopyButton text={revealedKey.apiKey} />
              <button type="button" onClick={() => useChannelsStore.getState().keyDismissed()}>
                {t('channels.key.done')}
              </button>
            </div>
          </div>
        ) : null}
        {form ? <ChannelFormPanel /> : null}
        {channels.length === 0 && !loading ? <p className="muted intake-empty">{t('channels.empty')}</p> : null}
        <table className="intake-table" data-testid="channels-table">
          <thead>
            <tr>
              <th>{t('channels.col.name')}</th>
              <th>{t('channels.col.kind')}</th>
              <th>{t('channels.col.state')}</th>
              <th>{t('channels.col.lastOrder')}</th>
              <th>{t('channels.col.received')}</th>
              <th>{t('channels.col.errorRate')}</th>
              <th>{t('channels.col.quarantined')}</th>
              <th>{t('channels.col.webhook')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id} data-testid="channel-row" data-channel-id={c.id}>
                <td>{c.name}</td>
                <td>{translateOr(locale, `channel.${c.kind}`, c.kind)}</td>
                <td>
                  <span className={c.paused ? 'inbox-status held' : 'inbox-status processed'}>
                    {c.paused ? t('channels.paused') : t('channels.active')}
                  </span>
                </td>
                <td>
                  {c.health.lastOrderAt ? (
                    <RelativeTime iso={c.health.lastOrderAt} />
                  ) : (
                    <span className="muted">{t('channels.never')}</span>
                  )}
                </td>
                <td className="num">{c.health.received24h}</td>
                <td className={c.health.errorRate > 0.05 ? 'num warn' : 'num'}>{formatPercent(locale, c.health.errorRate, 1)}</td>
                <td className={c.health.quarantined ? 'num warn' : 'num'}>{c.health.quarantined}</td>
                <td className="webhook">
                  <code className="mono ellipsis" title={webhookUrl(c)}>
                    {webhookUrl(c)}
                  </code>
                  <CopyButton text={webhookUrl(c)} />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="ghost"
                    disabled={busy || !mayPause.ok}
                    title={mayPause.why}
                    data-testid="channel-pause"
                    onClick={() => void useChannelsStore.getState().pauseToggled(c.id)}
                  >
                    {c.paused ? t('channels.resume') : t('channels.pause')}
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    disabled={busy || !mayEdit.ok}
                    title={mayEdit.why}
                    data-testid="channel-edit"
                    onClick={() => useChannelsStore.getState().editOpened(c.id)}
                  >
                    {t('channels.edit')}
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    data-testid="channel-skus"
                    aria-pressed={mappingsOf === c.id}
                    onClick={() => setMappingsOf(mappingsOf === c.id ? null : c.id)}
                  >
                    {t('channels.skus')}
                  </button>
                  {c.kind === 'api' ? (
                    <button
                      type="button"
                      className="ghost"
                      disabled={busy || !mayRotate.ok}
                      title={mayRotate.why}
                      data-testid="channel-rotate"
                      onClick={() => void useChannelsStore.getState().keyRotated(c.id)}
                    >
                      {t('channels.rotate')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {mappingsOf ? <SkuMappings channelId={mappingsOf} /> : null}
      </section>
    </main>
  );
}

function ChannelFormPanel() {
  const { t, locale } = useT();
  const { form, kinds, busy, formError, channels } = useChannelsStore();
  if (!form) return null;
  const fields = formFields(kinds, form);
  const stored = form.id ? channels.find((c) => c.id === form.id) : undefined;
  const s = useChannelsStore.getState();
  const kindOptions: readonly ChannelKind[] = kinds.length ? kinds.map((k) => k.kind) : CHANNEL_KINDS;
  return (
    <form
      className="channel-form"
      data-testid="channel-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.formSubmitted();
      }}
    >
      <h3>{form.id ? t('channels.form.edit') : t('channels.form.add')}</h3>
      <div className="form-grid">
        <label htmlFor="channel-kind">{t('channels.form.kind')}</label>
        <select
          id="channel-kind"
          data-testid="channel-kind"
          value={form.kind}
          disabled={form.id !== null}
          onChange={(e) => s.formChanged({ kind: e.target.value as ChannelKind })}
        >
          {kindOptions.map((k) => (
            <option key={k} value={k}>
              {translateOr(locale, `channel.${k}`, k)}
            </option>
          ))}
        </select>
        <label htmlFor="channel-name">{t('channels.form.name')}</label>
        <input
          id="channel-name"
          data-testid="channel-name"
          value={form.name}
          maxLength={120}
          required
          onChange={(e) => s.formChanged({ name: e.target.value })}
        />
      </div>
      {fields.settings.length ? (
        <fieldset className="form-grid">
          <legend>{t('channels.form.settings')}</legend>
          {fields.settings.map((name) => (
            <FieldRow key={name} id={`setting-${name}`} label={name}>
              <input
                id={`setting-${name}`}
                data-testid={`setting-${name}`}
                value={form.settings[name] ?? ''}
                onChange={(e) => s.settingChanged(name, e.target.value)}
              />
            </FieldRow>
          ))}
        </fieldset>
      ) : null}
      {fields.secrets.length ? (
        <fieldset className="form-grid">
          <legend>{t('channels.form.secrets')}</legend>
          {fields.secrets.map((name) => (
            <FieldRow key={name} id={`secret-${name}`} label={name}>
              <input
                id={`secret-${name}`}
                type="password"
                autoComplete="new-password"
                data-testid={`secret-${name}`}
                placeholder={stored?.secretNames.includes(name) ? t('channels.form.secretSet') : t('channels.form.secretUnset')}
                value={form.secrets[name] ?? ''}
                onChange={(e) => s.secretChanged(name, e.target.value)}
              />
            </FieldRow>
          ))}
        </fieldset>
      ) : null}
      {!fields.settings.length && !fields.secrets.length ? <p className="muted small">{t('channels.form.noFields')}</p> : null}
      {form.kind === 'api' && !form.id ? <p className="muted small">{t('channels.form.apiNote')}</p> : null}
      {formError ? (
        <div className="banner error" role="alert" data-testid="channel-form-error">
          {formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="channel-save" disabled={busy}>
          {busy ? t('channels.working') : t('channels.form.save')}
        </button>
        <button type="button" className="ghost" onClick={() => s.formClosed()}>
          {t('channels.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function FieldRow({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
    </>
  );
}
