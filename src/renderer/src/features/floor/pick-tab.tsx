import { describeWaveGroup, type PickCandidate } from '../../../../shared';
import { formatDateWith, formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { FloorCard } from './floor-card';
import { useFloorStore } from './floor.store';
import { selectWaveOf, usePickWorkStore } from './pick-work.store';
import { ReleasedNotice } from './released-notice';
import { WaveWalk } from './wave-walk';
import { ReloadBanner } from '../../components/reload-banner';

/** The Pick bench: released waves and suggested ones (release prints the pick list), and the orders waiting here. */
export function PickTab({ nameOf }: { nameOf: (id: string) => string }) {
  const wave = usePickWorkStore((s) => s.wave);
  if (wave) return <WaveWalk />;
  return (
    <div className="pick-tab">
      <WavesColumn />
      <WaitingColumn nameOf={nameOf} />
    </div>
  );
}

function WavesColumn() {
  const { t, locale } = useT();
  const work = usePickWorkStore((s) => s.work);
  const busy = usePickWorkStore((s) => s.busy);
  const error = usePickWorkStore((s) => s.error);
  const actionError = usePickWorkStore((s) => s.actionError);
  const released = usePickWorkStore((s) => s.released);
  const store = usePickWorkStore.getState();
  const open = work?.waves.filter((w) => w.status === 'released') ?? [];
  return (
    <section className="pick-waves" aria-label={t('pick.waves')} data-testid="pick-waves">
      <h3>{t('pick.waves')}</h3>
      <ReloadBanner message={error ? t('floor.error', { message: error }) : null} onReload={() => void store.refreshRequested()} />
      {actionError ? (
        <div className="banner error" role="alert" data-testid="pick-error">
          {actionError}
        </div>
      ) : null}
      {released ? <ReleasedNotice code={released.code} job={released.printJob} /> : null}
      <WaveOutcome />
      {work && open.length === 0 ? <p className="muted small">{t('pick.noWaves')}</p> : null}
      {open.map((w) => (
        <div key={w.id} className="wave-card" data-testid="wave-open" data-wave-id={w.id}>
          <strong className="wave-code">{w.code}</strong>
          <span className="muted small">{describeWaveGroup(w.groupedBy, locale)}</span>
          <span className="small">
            {t('pick.progress', { picked: formatNumber(locale, w.picked), units: formatNumber(locale, w.units), orders: w.orders.length })}
          </span>
          <button type="button" className="primary" data-testid="wave-walk" onClick={() => void store.waveOpened(w.id)}>
            {t('pick.walk')}
          </button>
        </div>
      ))}
      <h3>{t('pick.suggested')}</h3>
      {work && work.suggestions.length === 0 ? <p className="muted small">{t('pick.noSuggestions')}</p> : null}
      {work?.suggestions.map((s, i) => (
        <div key={`${s.groupedBy}-${i}`} className="wave-card suggestion" data-testid="wave-suggestion">
          <strong>{describeWaveGroup(s.groupedBy, locale)}</strong>
          <span className="small">
            {t('pick.suggestion', { orders: s.fulfilmentOrderIds.length, units: formatNumber(locale, s.units) })}
            {s.cutoffAt ? ` · ${t('pick.cutoff', { at: shortWhen(locale, s.cutoffAt) })}` : ''}
          </span>
          <button
            type="button"
            className="primary"
            data-testid="wave-release"
            disabled={busy}
            onClick={() => void store.waveReleased(s.fulfilmentOrderIds)}
          >
            {busy ? t('floor.working') : t('pick.release')}
          </button>
        </div>
      ))}
    </section>
  );
}

/** What completing the last wave reported, order by order. */
function WaveOutcome() {
  const { t, locale } = useT();
  const outcome = usePickWorkStore((s) => s.outcome);
  if (!outcome) return null;
  return (
    <div className="banner info wave-outcome" role="status" data-testid="wave-outcome">
      <div>
        <strong>{t('pick.completed', { code: outcome.wave.code })}</strong>
        <ul>
          {outcome.orders.map((o) => (
            <li key={o.orderId} data-testid="wave-outcome-order" data-order-id={o.orderId}>
              #{o.orderNumber}: {translateOr(locale, `pick.outcome.${o.outcome}`, o.outcome)}
              {o.shortfall.map((s) => (
                <span key={s.sku} className="small">
                  {' '}
                  · {t('pick.shortfall', { sku: s.sku, picked: s.picked, ordered: s.ordered })}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="ghost" onClick={() => usePickWorkStore.getState().outcomeDismissed()}>
        {t('pick.dismiss')}
      </button>
    </div>
  );
}

function WaitingColumn({ nameOf }: { nameOf: (id: string) => string }) {
  const { t } = useT();
  const page = useFloorStore((s) => s.page);
  const error = useFloorStore((s) => s.error);
  const work = usePickWorkStore((s) => s.work);
  const byId = new Map((work?.waiting ?? []).map((c) => [c.fulfilmentOrderId, c]));
  return (
    <section className="pick-waiting" aria-label={t('pick.waiting')}>
      <h3>{t('pick.waiting')}</h3>
      <p className="muted small">{t('floor.hint')}</p>
      {page && !error && page.rows.length === 0 ? (
        <p className="muted" data-testid="floor-empty">
          {t('floor.empty')}
        </p>
      ) : null}
      <div className="floor-list">
        {page?.rows.map((r) => (
          <FloorCard
            key={r.fulfilmentOrderId}
            row={r}
            nameOf={nameOf}
            extra={<CandidateFacts candidate={byId.get(r.fulfilmentOrderId)} wave={selectWaveOf(work, r.fulfilmentOrderId)} />}
          />
        ))}
      </div>
    </section>
  );
}

/** Why an order sits where it does: its cut-off, promise and priority, and the wave it waits in. */
function CandidateFacts({ candidate, wave }: { candidate: PickCandidate | undefined; wave: string | null }) {
  const { t, locale } = useT();
  return (
    <>
      {wave ? (
        <span className="badge wave-badge" data-testid="floor-in-wave">
          {wave}
        </span>
      ) : null}
      {candidate ? (
        <span className="muted small" data-testid="floor-candidate">
          {candidate.priority <= 2 ? (
            <span className={`prio prio-${candidate.priority}`}>{t(candidate.priority <= 1 ? 'pick.priority.1' : 'pick.priority.2')}</span>
          ) : null}
          {candidate.cutoffAt ? ` ${t('pick.cutoff', { at: shortWhen(locale, candidate.cutoffAt) })}` : ''}
          {candidate.promisedAt ? ` · ${t('pick.promised', { at: shortWhen(locale, candidate.promisedAt) })}` : ''}
        </span>
      ) : null}
    </>
  );
}

/** "16:00" today, "12/3 16:00" another day: a cut-off or promise at a glance. */
export function shortWhen(locale: Locale, iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = formatDateWith(locale, iso, { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  return `${formatDateWith(locale, iso, { day: 'numeric', month: 'numeric' })} ${time}`;
}
