import { CARRIER_KINDS, type CarrierKind } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { formProblems, type CarrierForm } from './carrier-form';
import { useCarriersStore } from './carriers.store';

/** Adding or editing a carrier account: id and kind (once), name, enabled, settings as rows, secrets write-only. */
export function CarrierFormView() {
  const { t } = useT();
  const f = useCarriersStore((s) => s.form)!;
  const busy = useCarriersStore((s) => s.busy);
  const formError = useCarriersStore((s) => s.formError);
  const store = useCarriersStore.getState();
  const set = (patch: Partial<CarrierForm>) => store.formChanged({ ...f, ...patch });
  const problems = formProblems(f);
  const rows = <K extends 'settings' | 'added'>(k: K, i: number, patch: Partial<CarrierForm[K][number]>) =>
    set({ [k]: f[k].map((r, j) => (j === i ? { ...r, ...patch } : r)) } as Partial<CarrierForm>);
  return (
    <form
      className="channel-form carrier-form"
      data-testid="carrier-form"
      onKeyDown={(e) => e.key === 'Escape' && !busy && store.formClosed()}
      onSubmit={(e) => {
        e.preventDefault();
        if (!problems.length) void store.saved();
      }}
    >
      <h3>{f.existing ? t('carriers.form.edit', { name: f.name }) : t('carriers.form.add')}</h3>
      <div className="form-grid">
        <label htmlFor="carrier-id">{t('carriers.form.id')}</label>
        <input
          id="carrier-id"
          data-testid="carrier-id"
          className="mono"
          readOnly={f.existing}
          placeholder={t('carriers.form.idHint')}
          maxLength={40}
          autoFocus={!f.existing}
          value={f.id}
          onChange={(e) => set({ id: e.target.value.toLowerCase() })}
        />
        <label htmlFor="carrier-kind">{t('carriers.form.kind')}</label>
        <select
          id="carrier-kind"
          data-testid="carrier-kind"
          disabled={f.existing}
          value={f.kind}
          onChange={(e) => set({ kind: e.target.value as CarrierKind })}
        >
          {CARRIER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`carriers.kind.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor="carrier-name">{t('carriers.form.name')}</label>
        <input
          id="carrier-name"
          data-testid="carrier-name"
          maxLength={120}
          value={f.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <label htmlFor="carrier-enabled">{t('carriers.form.enabled')}</label>
        <input id="carrier-enabled" type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
      </div>
      <fieldset className="kv-rows" data-testid="carrier-settings">
        <legend>{t('carriers.form.settings')}</legend>
        <p className="muted small">{t('carriers.form.settingsHint')}</p>
        {f.settings.map((s, i) => (
          <div key={i} className="kv-row">
            <input
              aria-label={t('carriers.form.key')}
              placeholder={t('carriers.form.key')}
              className="mono"
              data-testid="setting-key"
              value={s.key}
              onChange={(e) => rows('settings', i, { key: e.target.value })}
            />
            <input
              aria-label={t('carriers.form.value')}
              placeholder={t('carriers.form.value')}
              data-testid="setting-value"
              value={s.value}
              onChange={(e) => rows('settings', i, { value: e.target.value })}
            />
            <button type="button" className="ghost" onClick={() => set({ settings: f.settings.filter((_, j) => j !== i) })}>
              {t('carriers.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="ghost"
          data-testid="setting-add"
          onClick={() => set({ settings: [...f.settings, { key: '', value: '' }] })}
        >
          {t('carriers.form.addSetting')}
        </button>
      </fieldset>
      <fieldset className="kv-rows" data-testid="carrier-secrets-form">
        <legend>{t('carriers.form.secrets')}</legend>
        {Object.entries(f.stored).map(([name, s]) => (
          <div key={name} className="kv-row">
            <span className="mono">{name}</span>
            {s.action === 'remove' ? (
              <span className="muted small">{t('carriers.form.secretRemoved')}</span>
            ) : (
              <input
                type="password"
                autoComplete="new-password"
                aria-label={name}
                data-testid={`secret-${name}`}
                placeholder={t('carriers.form.secretKeep')}
                value={s.value}
                onChange={(e) =>
                  set({ stored: { ...f.stored, [name]: { action: e.target.value ? 'replace' : 'keep', value: e.target.value } } })
                }
              />
            )}
            <button
              type="button"
              className="ghost"
              onClick={() => set({ stored: { ...f.stored, [name]: { action: s.action === 'remove' ? 'keep' : 'remove', value: '' } } })}
            >
              {s.action === 'remove' ? t('carriers.form.secretUndo') : t('carriers.form.secretRemove')}
            </button>
          </div>
        ))}
        {f.added.map((s, i) => (
          <div key={`added-${i}`} className="kv-row">
            <input
              aria-label={t('carriers.form.key')}
              placeholder={t('carriers.form.key')}
              className="mono"
              data-testid="secret-key"
              value={s.key}
              onChange={(e) => rows('added', i, { key: e.target.value })}
            />
            <input
              type="password"
              autoComplete="new-password"
              aria-label={t('carriers.form.value')}
              placeholder={t('carriers.form.value')}
              data-testid="secret-value"
              value={s.value}
              onChange={(e) => rows('added', i, { value: e.target.value })}
            />
            <button type="button" className="ghost" onClick={() => set({ added: f.added.filter((_, j) => j !== i) })}>
              {t('carriers.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="ghost"
          data-testid="secret-add"
          onClick={() => set({ added: [...f.added, { key: '', value: '' }] })}
        >
          {t('carriers.form.addSecret')}
        </button>
      </fieldset>
      {problems.length ? (
        <ul className="field-error" data-testid="carrier-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.key === 'carriers.problem.dupe' ? t(p.key, { name: p.name ?? '' }) : t(p.key)}</li>
          ))}
        </ul>
      ) : null}
      {formError ? (
        <div className="banner error" role="alert" data-testid="carrier-form-error">
          {formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="carrier-save" disabled={busy || problems.length > 0}>
          {busy ? t('shipping.working') : t('carriers.form.save')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => store.formClosed()}>
          {t('carriers.form.back')}
        </button>
      </div>
    </form>
  );
}
