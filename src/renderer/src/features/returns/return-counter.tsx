import { useEffect, useMemo } from 'react';
import type { Return } from '../../../../shared';
import { formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectFloorLocations } from '../floor/floor.store';
import { useLocationsStore } from '../map/locations.store';
import { selectUser, useSessionStore } from '../session/session.store';
import { InspectLines, ReceiveLines } from './counter-lines';
import { selectStep, useCounterStore } from './counter.store';
import { ReturnStatusChip } from './return-parts';
import './counter.css';

/**
 * Recibir devolución: the return's number typed or scanned (the field keeps the focus, so a
 * scanner's Enter looks it up), its lines received at this location, then inspected; the refund
 * and the closed state are shown at the end.
 */
export function ReturnCounter() {
  const { t } = useT();
  const text = useCounterStore((s) => s.text);
  const asked = useCounterStore((s) => s.asked);
  const found = useCounterStore((s) => s.found);
  const problem = useCounterStore((s) => s.problem);
  const error = useCounterStore((s) => s.error);
  const busy = useCounterStore((s) => s.busy);
  const store = useCounterStore.getState();
  return (
    <section className="returns-section return-counter" data-testid="return-counter" aria-label={t('returns.counter.title')}>
      <form
        className="counter-find"
        onSubmit={(e) => {
          e.preventDefault();
          void store.lookedUp();
        }}
      >
        <label htmlFor="return-number">{t('returns.counter.number')}</label>
        <input
          id="return-number"
          className="code-input"
          data-testid="return-number"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          placeholder="R-1042"
          value={text}
          onChange={(e) => store.textChanged(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="return-find" disabled={busy || !text.trim()}>
          {busy && !found ? t('returns.counter.finding') : t('returns.counter.find')}
        </button>
        <span className="muted small">{t('returns.counter.hint')}</span>
      </form>
      {problem === 'badNumber' ? (
        <div className="banner error" role="alert" data-testid="return-lookup-problem">
          {t('returns.counter.badNumber', { text })}
        </div>
      ) : problem === 'notFound' ? (
        <div className="banner error" role="alert" data-testid="return-lookup-problem">
          {t('returns.counter.notFound', { number: asked ?? '' })}
        </div>
      ) : null}
      {error ? (
        <div className="banner error" role="alert" data-testid="return-counter-error">
          {error}
        </div>
      ) : null}
      {found ? <FoundReturn r={found} /> : null}
    </section>
  );
}

function FoundReturn({ r }: { r: Return }) {
  const { t, locale } = useT();
  const step = selectStep(r);
  const locations = useLocationsStore((s) => s.locations);
  const nameOf = (id: string | null) => (id ? (locations.find((l) => l.id === id)?.name ?? id) : '—');
  return (
    <article className="counter-return" data-testid="return-found" data-return-id={r.id} data-status={r.status} data-number={r.number}>
      <header className="counter-return-head">
        <strong data-testid="return-found-head">
          {t('returns.counter.head', { number: r.number, order: r.orderNumber, customer: r.customerName ?? '—' })}
        </strong>
        <ReturnStatusChip status={r.status} />
        <span className="muted small">
          {t(`returns.method.${r.method}`)} · {t(`returns.resolution.${r.resolution}`)}
          {r.locationId && step === 'receive' ? ` · ${t('returns.counter.planned', { location: nameOf(r.locationId) })}` : ''}
        </span>
      </header>
      {step === 'receive' ? (
        <>
          <CounterLocation planned={r.locationId} />
          <ReceiveLines r={r} />
        </>
      ) : step === 'inspect' ? (
        <>
          <div className="banner info" role="status" data-testid="return-received">
            {t('returns.counter.received', { location: nameOf(r.locationId) })}
          </div>
          <InspectLines r={r} />
        </>
      ) : step === 'closed' ? (
        <div className="banner info counter-closed" role="status" data-testid="return-closed">
          <strong>{t('returns.counter.closed', { number: r.number })}</strong>{' '}
          <span data-testid="return-refund">
            {r.refundedAmount !== null
              ? t('returns.counter.refunded', { amount: formatMoney(locale, r.refundedAmount, r.currency) })
              : t('returns.counter.noRefund', { resolution: t(`returns.resolution.${r.resolution}`) })}
          </span>
        </div>
      ) : (
        <div className="banner error" role="alert" data-testid="return-not-receivable">
          {r.status === 'requested' ||
          r.status === 'rejected' ||
          r.status === 'cancelled' ||
          r.status === 'expired' ||
          r.status === 'inspected'
            ? t(`returns.counter.notReceivable.${r.status}`, { number: r.number })
            : t(`returns.status.${r.status}`)}
        </div>
      )}
      {step === 'closed' || step === 'blocked' ? (
        <button type="button" data-testid="return-next" onClick={() => useCounterStore.getState().cleared()}>
          {t('returns.counter.next')}
        </button>
      ) : null}
    </article>
  );
}

/** Where the parcel is received: the associate's one location, a picker among theirs, or any for the central desk. */
function CounterLocation({ planned }: { planned: string | null }) {
  const { t } = useT();
  const locations = useLocationsStore((s) => s.locations);
  const user = useSessionStore(selectUser);
  const mine = useMemo(() => selectFloorLocations(locations, user).filter((l) => l.active), [locations, user]);
  const locationId = useCounterStore((s) => s.locationId);
  const problem = useCounterStore((s) => s.problem);
  useEffect(() => {
    if (!useLocationsStore.getState().loaded) void useLocationsStore.getState().refreshRequested();
  }, []);
  useEffect(() => {
    const current = useCounterStore.getState().locationId;
    if (current && mine.some((l) => l.id === current)) return;
    const only = mine.length === 1 ? mine[0]!.id : null;
    const expected = planned && mine.some((l) => l.id === planned) ? planned : null;
    if (only ?? expected) useCounterStore.getState().locationChosen(only ?? expected);
  }, [mine, planned]);
  if (mine.length === 1)
    return (
      <div className="counter-location" data-testid="return-location-fixed" data-location-id={mine[0]!.id}>
        <span className="muted small">{t('returns.counter.location')}</span> <strong>{mine[0]!.name}</strong>
      </div>
    );
  return (
    <label className="counter-location">
      <span className="muted small">{t('returns.counter.location')}</span>{' '}
      <select
        data-testid="return-location"
        value={locationId ?? ''}
        aria-invalid={problem === 'location'}
        onChange={(e) => useCounterStore.getState().locationChosen(e.target.value || null)}
      >
        <option value="">{t('returns.counter.chooseLocation')}</option>
        {mine.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} · {l.city}
          </option>
        ))}
      </select>
      {problem === 'location' ? (
        <span className="field-error" role="alert">
          {t('returns.counter.locationNeeded')}
        </span>
      ) : null}
    </label>
  );
}
