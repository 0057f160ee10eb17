import './sourcing.css';
import { useEffect } from 'react';
import { BACKORDER_POLICIES, type BackorderPolicy } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { RoutingSimPanel } from '../routing-sim/routing-sim-panel';
import { useMay } from '../session/use-may';
import { backorderOf, createSourcingProfilesStore, withBackorder } from './sourcing-profiles.store';
import { ProfileSpecForm } from './profile-spec-form';
import { parsedSpec } from './spec-edit';

export const useSourcingProfilesStore = createSourcingProfilesStore(desk);

/** The Sourcing view: profiles by key and version; supervisors edit a draft, simulate it and activate it. */
export function SourcingView() {
  const { t, locale } = useT();
  const s = useSourcingProfilesStore();
  const maySave = useMay('sourcing.profiles.saveDraft');
  const mayActivate = useMay('sourcing.profiles.activate');
  useEffect(() => void useSourcingProfilesStore.getState().loadRequested(), []);
  const selected = s.profiles.find((p) => p.id === s.selectedId) ?? null;
  return (
    <main className="sourcing" data-testid="sourcing-view">
      <section className="profile-list">
        <h2>{t('sourcing.title')}</h2>
        <p className="muted small">{t('sourcing.help')}</p>
        {s.profiles.length === 0 ? <p className="muted">{t('sourcing.empty')}</p> : null}
        <ul>
          {s.profiles.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === s.selectedId ? 'link selected' : 'link'}
                data-testid={`profile-${p.key}-v${p.version}`}
                onClick={() => s.profileSelected(p.id)}
              >
                {p.name} · {p.key} {t('sourcing.version', { n: p.version })}
              </button>{' '}
              <span className={`chip status-${p.status}`} data-testid={`profile-status-${p.key}-v${p.version}`}>
                {t(`sourcing.status.${p.status}`)}
              </span>
              {p.activatedAt ? <span className="muted small"> {formatDateTime(locale, p.activatedAt)}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="profile-editor">
        {!s.draft || !selected ? (
          <p className="muted">{t('sourcing.pick')}</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.saveRequested();
            }}
          >
            {selected.status !== 'draft' ? (
              <p className="muted small">
                {t('sourcing.readOnly', { status: t(`sourcing.status.${selected.status}`), key: selected.key })}
              </p>
            ) : null}
            <label>
              {t('sourcing.key')}{' '}
              <input value={s.draft.key} data-testid="profile-key" onChange={(e) => s.draftEdited({ key: e.target.value })} />
            </label>
            <label>
              {t('sourcing.name')}{' '}
              <input value={s.draft.name} data-testid="profile-name" onChange={(e) => s.draftEdited({ name: e.target.value })} />
            </label>
            <label>
              {t('sourcing.channels')}{' '}
              <input
                value={s.draft.channels}
                data-testid="profile-channels"
                onChange={(e) => s.draftEdited({ channels: e.target.value })}
              />
            </label>
            <label>
              {t('sourcing.orderTypes')}{' '}
              <input
                value={s.draft.orderTypes}
                data-testid="profile-order-types"
                onChange={(e) => s.draftEdited({ orderTypes: e.target.value })}
              />
            </label>
            <label>
              {t('sourcing.priority')}{' '}
              <input
                type="number"
                min={0}
                max={1000}
                value={s.draft.priority}
                data-testid="profile-priority"
                onChange={(e) => s.draftEdited({ priority: Number(e.target.value) })}
              />
            </label>
            <label>
              {t('sourcing.backorder')}{' '}
              <select
                data-testid="profile-backorder"
                value={backorderOf(s.draft.specText) ?? ''}
                disabled={backorderOf(s.draft.specText) === null}
                onChange={(e) => s.draft && s.draftEdited({ specText: withBackorder(s.draft.specText, e.target.value as BackorderPolicy) })}
              >
                {BACKORDER_POLICIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`sourcing.backorder.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <ProfileSpecForm specText={s.draft.specText} readOnly={!maySave.ok} onChange={(specText) => s.draftEdited({ specText })} />
            <details className="profile-json" data-testid="profile-json" open={parsedSpec(s.draft.specText) === null || undefined}>
              <summary>{t('pform.advanced')}</summary>
              <label>
                {t('sourcing.spec')}
                <textarea
                  rows={18}
                  spellCheck={false}
                  className="mono"
                  value={s.draft.specText}
                  data-testid="profile-spec"
                  onChange={(e) => s.draftEdited({ specText: e.target.value })}
                />
              </label>
            </details>
            {s.error ? (
              <div className="field-error" data-testid="profile-error">
                {s.error}
              </div>
            ) : null}
            <div className="action-row">
              <button type="submit" className="primary" disabled={s.busy || !maySave.ok} title={maySave.why} data-testid="profile-save">
                {t('sourcing.saveDraft')}
              </button>
              {selected.status === 'draft' ? (
                <button
                  type="button"
                  disabled={s.busy || !mayActivate.ok}
                  title={mayActivate.why}
                  data-testid="profile-activate"
                  onClick={() => void s.activateRequested(selected.id)}
                >
                  {t('sourcing.activate')}
                </button>
              ) : null}
            </div>
          </form>
        )}
        {selected ? <RoutingSimPanel profileId={selected.id} /> : null}
      </section>
    </main>
  );
}
