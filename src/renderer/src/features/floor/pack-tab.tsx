import { useEffect } from 'react';
import type { FloorRow } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { DockPanel } from './dock-panel';
import { useFloorStore } from './floor.store';
import { selectToPack, usePackStore, type Packed } from './pack.store';
import { parcelProblems, type ParcelDraft } from './parcel-draft';

/** The parcel's sides: the draft field and the short label shown in the empty box. */
const DIMENSIONS = [
  ['lengthCm', 'pack.dimL'],
  ['widthCm', 'pack.dimW'],
  ['heightCm', 'pack.dimH'],
] as const;

/** The Pack bench: each order picked here gets its parcels (weight, sides, which units) and is packed; slip and labels print; the dock hands them to the carriers. */
export function PackTab() {
  const { t } = useT();
  const rows = useFloorStore((s) => s.page?.rows);
  const packed = usePackStore((s) => s.packed);
  const toPack = selectToPack(rows);
  const skus = toPack.flatMap((r) => r.lines.map((l) => l.sku)).join(',');
  useEffect(() => {
    if (skus) void usePackStore.getState().productsRequested(skus.split(','));
  }, [skus]);
  return (
    <div className="pack-tab">
      <section className="pack-orders" aria-label={t('pack.toPack')}>
        <h3>{t('pack.toPack')}</h3>
        {toPack.length === 0 ? (
          <p className="muted" data-testid="pack-empty">
            {t('pack.empty')}
          </p>
        ) : null}
        {toPack.map((r) => (
          <PackForm key={r.fulfilmentOrderId} row={r} />
        ))}
      </section>
      <div className="pack-side">
        <section className="pack-done" aria-label={t('pack.packed')}>
          <h3>{t('pack.packed')}</h3>
          {packed.length === 0 ? <p className="muted small">{t('pack.nonePacked')}</p> : null}
          {packed.map((p) => (
            <PackedCard key={p.orderId} packed={p} />
          ))}
        </section>
        <DockPanel />
      </div>
    </div>
  );
}

function PackForm({ row }: { row: FloorRow }) {
  const { t, locale } = useT();
  const drafts = usePackStore((s) => s.drafts[row.orderId]);
  const busy = usePackStore((s) => !!s.busy[row.orderId]);
  const error = usePackStore((s) => s.errors[row.orderId]);
  const locationId = useFloorStore((s) => s.locationId);
  const store = usePackStore.getState();
  useEffect(() => usePackStore.getState().draftOpened(row), [row]);
  if (!drafts) return null;
  const problems = parcelProblems(row.lines, drafts);
  return (
    <form
      className="pack-card"
      data-testid="pack-order"
      data-order-id={row.orderId}
      onSubmit={(e) => {
        e.preventDefault();
        void store.packSubmitted(row, locationId);
      }}
    >
      <header>
        <strong>#{row.number}</strong>
        <span className="ellipsis">{row.customerName}</span>
        <span className="muted small">{row.lines.map((l) => `${l.sku} × ${formatNumber(locale, l.quantity)}`).join(' · ')}</span>
      </header>
      {drafts.map((d, i) => (
        <ParcelFields key={i} row={row} draft={d} index={i} count={drafts.length} />
      ))}
      {problems.length ? (
        <ul className="pack-problems small" data-testid="pack-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {p.key === 'pack.problem.empty'
                ? t('pack.problem.empty', { n: p.parcel })
                : t('pack.problem.units', { sku: p.sku, in: p.inParcels, picked: p.picked })}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="banner error" role="alert" data-testid="pack-error">
          {error}
        </div>
      ) : null}
      <div className="action-row">
        <button
          type="button"
          className="ghost"
          data-testid="pack-add-parcel"
          disabled={busy}
          onClick={() => store.parcelAdded(row.orderId)}
        >
          {t('pack.addParcel')}
        </button>
        <button type="submit" className="primary" data-testid="pack-submit" disabled={busy || problems.length > 0}>
          {busy ? t('floor.working') : drafts.length === 1 ? t('pack.packOne') : t('pack.pack', { n: drafts.length })}
        </button>
      </div>
    </form>
  );
}

function ParcelFields({ row, draft, index, count }: { row: FloorRow; draft: ParcelDraft; index: number; count: number }) {
  const { t } = useT();
  const store = usePackStore.getState();
  const id = `pack-${row.orderId}-${index}`;
  const edit = (patch: Parameters<typeof store.parcelEdited>[2]) => store.parcelEdited(row.orderId, index, patch);
  return (
    <fieldset className="parcel-fields" data-testid="pack-parcel">
      <legend>{t('pack.parcel', { n: index + 1, of: count })}</legend>
      <label htmlFor={`${id}-w`}>{t('pack.weight')}</label>
      <input
        id={`${id}-w`}
        data-testid="pack-weight"
        inputMode="decimal"
        className="num-input"
        value={draft.weightKg}
        placeholder={t('pack.weightAuto')}
        onChange={(e) => edit({ weightKg: e.target.value })}
      />
      <span className="muted small">{t('pack.dims')}</span>
      {DIMENSIONS.map(([k, short]) => (
        <input
          key={k}
          aria-label={t(`pack.${k}`)}
          data-testid={`pack-${k}`}
          inputMode="decimal"
          className="num-input"
          value={draft[k]}
          placeholder={t(short)}
          onChange={(e) => edit({ [k]: e.target.value })}
        />
      ))}
      {count > 1 ? (
        <>
          <span className="parcel-units">
            {row.lines.map((l) => (
              <label key={l.sku} className="small">
                <span className="mono">{l.sku}</span>{' '}
                <input
                  type="number"
                  min={0}
                  max={l.quantity}
                  data-testid="pack-units"
                  data-sku={l.sku}
                  className="num-input"
                  value={draft.lines[l.sku] ?? 0}
                  onChange={(e) => store.unitsMoved(row.orderId, index, l.sku, Number(e.target.value))}
                />
              </label>
            ))}
          </span>
          <button type="button" className="ghost danger" onClick={() => store.parcelRemoved(row, index)}>
            {t('pack.removeParcel')}
          </button>
        </>
      ) : null}
    </fieldset>
  );
}

function PackedCard({ packed }: { packed: Packed }) {
  const { t, locale } = useT();
  return (
    <div className="pack-card done" data-testid="packed-order" data-order-id={packed.orderId}>
      <header>
        <strong>#{packed.number}</strong>
        <span className="muted small">{t('pack.printed', { n: packed.printJobs.length })}</span>
      </header>
      <ul>
        {packed.parcels.map((p) => (
          <li key={p.id} data-testid="packed-parcel" data-code={p.code}>
            <span className="mono parcel-code">{p.code}</span> {t('pack.parcelOf', { seq: p.seq, of: p.of })} ·{' '}
            {formatNumber(locale, p.weightGrams / 1000, { maximumFractionDigits: 3 })} kg
            {p.lengthMm && p.widthMm && p.heightMm
              ? ` · ${[p.lengthMm, p.widthMm, p.heightMm].map((mm) => formatNumber(locale, mm / 10, { maximumFractionDigits: 1 })).join('×')} cm`
              : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
