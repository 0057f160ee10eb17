import { NOTIFICATION_EVENTS } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { endpointProblems, toggledEvent, type EndpointForm } from './endpoint-form';
import { useEndpointsStore } from './endpoints.store';

/** Adding or editing a webhook endpoint: id (once), URL, the events it gets, on or off. A new one's secret is made on save and shown once. */
export function EndpointFormView() {
  const { t } = useT();
  const f = useEndpointsStore((s) => s.form)!;
  const busy = useEndpointsStore((s) => s.busy);
  const formError = useEndpointsStore((s) => s.formError);
  const store = useEndpointsStore.getState();
  const set = (patch: Partial<EndpointForm>) => store.formChanged({ ...f, ...patch });
  const problems = endpointProblems(f);
  return (
    <form
      className="channel-form hook-form"
      data-testid="endpoint-form"
      onKeyDown={(e) => e.key === 'Escape' && !busy && store.formClosed()}
      onSubmit={(e) => {
        e.preventDefault();
        if (!problems.length) void store.saved();
      }}
    >
      <h3>{f.existing ? t('notifyAdmin.hooks.form.edit', { id: f.id }) : t('notifyAdmin.hooks.form.add')}</h3>
      <div className="form-grid hook-form-grid">
        <label htmlFor="endpoint-id">{t('notifyAdmin.hooks.form.id')}</label>
        <input
          id="endpoint-id"
          data-testid="endpoint-id"
          className="mono"
          readOnly={f.existing}
          placeholder={t('notifyAdmin.hooks.form.idHint')}
          maxLength={40}
          autoFocus={!f.existing}
          value={f.id}
          onChange={(e) => set({ id: e.target.value.toLowerCase() })}
        />
        <label htmlFor="endpoint-url">{t('notifyAdmin.hooks.form.url')}</label>
        <input
          id="endpoint-url"
          data-testid="endpoint-url"
          className="mono"
          type="url"
          maxLength={2000}
          autoFocus={f.existing}
          value={f.url}
          onChange={(e) => set({ url: e.target.value })}
        />
        <span>{t('notifyAdmin.hooks.form.events')}</span>
        <div>
          <div className="hook-events" role="group" aria-label={t('notifyAdmin.hooks.form.events')}>
            {NOTIFICATION_EVENTS.map((e) => (
              <label key={e}>
                <input
                  type="checkbox"
                  data-testid={`endpoint-event-${e}`}
                  checked={f.events.includes(e)}
                  onChange={() => set({ events: toggledEvent(f.events, e) })}
                />{' '}
                {t(`notify.event.${e}`)}
              </label>
            ))}
          </div>
          <button type="button" className="link small" onClick={() => set({ events: [...NOTIFICATION_EVENTS] })}>
            {t('notifyAdmin.hooks.form.all')}
          </button>{' '}
          <button type="button" className="link small" onClick={() => set({ events: [] })}>
            {t('notifyAdmin.hooks.form.none')}
          </button>
        </div>
        <span />
        <label>
          <input data-testid="endpoint-enabled" type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
          {t('notifyAdmin.hooks.form.enabled')}
        </label>
      </div>
      {!f.existing ? <p className="muted small">{t('notifyAdmin.hooks.form.newSecret')}</p> : null}
      {problems.length ? (
        <ul className="field-error" data-testid="endpoint-problems">
          {problems.map((p) => (
            <li key={p}>{t(p)}</li>
          ))}
        </ul>
      ) : null}
      {formError ? (
        <div className="banner error" role="alert" data-testid="endpoint-form-error">
          {formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="endpoint-save" disabled={busy || problems.length > 0}>
          {busy ? t('notify.working') : t('notifyAdmin.hooks.form.save')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => store.formClosed()}>
          {t('notifyAdmin.hooks.form.back')}
        </button>
      </div>
    </form>
  );
}
