import { useEffect, useId, type ReactNode } from 'react';
import './order-entry.css';
import { useLiveEvents } from '../../api/live-hub';
import { useNavStore } from '../../app/nav.store';
import type { MessageKey } from '../../i18n/i18n';
import { formatMoney, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { ENTRY_CURRENCY, parseCoords, pickupStores, type EntryForm } from './entry-draft';
import { useOrderEntryStore } from './order-entry.store';
import { PointPicker } from './point-picker';

/** While the view is open, availability is also refreshed on this beat (stock changes that carry no order event). */
const AVAILABILITY_POLL_MS = 15_000;

function Field({ label, children, wide }: { label: string; children: (id: string) => ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <label className={`entry-field${wide ? ' wide' : ''}`} htmlFor={id}>
      <span>{label}</span>
      {children(id)}
    </label>
  );
}

function TextField({
  field,
  label,
  type = 'text',
  autoFocus,
  wide,
}: {
  field: keyof EntryForm;
  label: MessageKey;
  type?: string;
  autoFocus?: boolean;
  wide?: boolean;
}) {
  const { t } = useT();
  const value = useOrderEntryStore((s) => s.form[field]);
  const missing = useOrderEntryStore((s) => s.missing.includes(field));
  return (
    <Field label={t(label)} wide={wide}>
      {(id) => (
        <input
          id={id}
          type={type}
          value={value}
          autoFocus={autoFocus}
          aria-invalid={missing || undefined}
          data-testid={`entry-${field}`}
          onChange={(e) => useOrderEntryStore.getState().fieldChanged(field, e.target.value as never)}
        />
      )}
    </Field>
  );
}

function ProductSearch() {
  const { t, locale } = useT();
  const query = useOrderEntryStore((s) => s.query);
  const results = useOrderEntryStore((s) => s.results);
  const s = useOrderEntryStore.getState();
  return (
    <div className="entry-search">
      <input
        type="search"
        placeholder={t('entry.search')}
        aria-label={t('entry.search')}
        value={query}
        data-testid="entry-search"
        onChange={(e) => s.queryChanged(e.target.value)}
        onKeyDown={(e) => {
          // Enter adds the first match: type a SKU, press Enter, go on typing.
          if (e.key === 'Enter' && results[0]) {
            e.preventDefault();
            s.itemAdded(results[0]);
          }
        }}
      />
      {query.trim() && results.length === 0 ? <div className="muted">{t('entry.search.empty')}</div> : null}
      {results.length ? (
        <ul className="entry-results" data-testid="entry-results">
          {results.map((p) => (
            <li key={p.sku}>
              <button type="button" data-testid="entry-result" data-sku={p.sku} onClick={() => s.itemAdded(p)}>
                <code>{p.sku}</code> {p.name}{' '}
                {p.price !== null ? <span className="muted">{formatMoney(locale, p.price, ENTRY_CURRENCY)}</span> : null}{' '}
                <span className="entry-add">{t('entry.add')}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Items() {
  const { t, locale } = useT();
  const items = useOrderEntryStore((s) => s.items);
  const availability = useOrderEntryStore((s) => s.availability);
  const missing = useOrderEntryStore((s) => s.missing.includes('items'));
  const s = useOrderEntryStore.getState();
  if (items.length === 0) return <div className={missing ? 'entry-missing' : 'muted'}>{t('entry.items.empty')}</div>;
  return (
    <table className="queue-table entry-items" data-testid="entry-items">
      <thead>
        <tr>
          <th>{t('entry.col.sku')}</th>
          <th>{t('entry.col.product')}</th>
          <th>{t('entry.col.qty')}</th>
          <th>{t('entry.col.price')}</th>
          <th>{t('entry.col.available')}</th>
          <th>{t('entry.col.nearest')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const a = availability[i.sku];
          const near = a?.locations[0];
          const short = a && a.networkAvailable < i.quantity;
          return (
            <tr key={i.sku} data-testid="entry-item" data-sku={i.sku}>
              <td>
                <code>{i.sku}</code>
              </td>
              <td className="ellipsis">{i.name}</td>
              <td>
                <input
                  type="number"
                  min={1}
                  max={10000}
                  value={i.quantity}
                  aria-label={`${t('entry.col.qty')} ${i.sku}`}
                  className="entry-qty"
                  onChange={(e) => s.quantityChanged(i.sku, Number(e.target.value))}
                />
              </td>
              <td>{i.unitPrice !== null ? formatMoney(locale, i.unitPrice, ENTRY_CURRENCY) : '—'}</td>
              <td data-testid="entry-available" className={short ? 'entry-short' : ''}>
                {a ? formatNumber(locale, a.networkAvailable) : '…'}
                {short ? ` (${t('entry.short', { n: formatNumber(locale, a.networkAvailable) })})` : ''}
              </td>
              <td>
                {near
                  ? `${near.name} · ${formatNumber(locale, near.available)}${near.distanceKm !== null ? ` · ${formatNumber(locale, near.distanceKm, { maximumFractionDigits: 1 })} km` : ''}`
                  : '—'}
              </td>
              <td>
                <button type="button" onClick={() => s.itemRemoved(i.sku)} aria-label={`${t('entry.remove')} ${i.sku}`}>
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Delivery() {
  const { t, locale } = useT();
  const form = useOrderEntryStore((s) => s.form);
  const items = useOrderEntryStore((s) => s.items);
  const availability = useOrderEntryStore((s) => s.availability);
  const s = useOrderEntryStore.getState();
  const stores = pickupStores(availability, items);
  return (
    <fieldset className="entry-section">
      <legend>{t('entry.delivery')}</legend>
      <div className="entry-radios" role="radiogroup">
        {(['home_delivery', 'store_pickup'] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name="delivery"
              checked={form.deliveryType === d}
              data-testid={`entry-delivery-${d}`}
              onChange={() => s.fieldChanged('deliveryType', d)}
            />{' '}
            {t(`entry.delivery.${d}`)}
          </label>
        ))}
      </div>
      {form.deliveryType === 'store_pickup' ? (
        stores.length ? (
          <Field label={t('entry.pickupStore')}>
            {(id) => (
              <select
                id={id}
                value={form.pickupLocation}
                data-testid="entry-pickupLocation"
                onChange={(e) => s.fieldChanged('pickupLocation', e.target.value)}
              >
                <option value="">{t('entry.pickup.choose')}</option>
                {stores.map((st) => (
                  <option key={st.code} value={st.code}>
                    {st.name} ({st.city})
                    {st.distanceKm !== null ? ` · ${formatNumber(locale, st.distanceKm, { maximumFractionDigits: 1 })} km` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div className="muted">{t('entry.pickup.none')}</div>
        )
      ) : null}
    </fieldset>
  );
}

/** Assisted order entry for a store associate (endless aisle) or the call centre. */
export function OrderEntryView() {
  const { t } = useT();
  const form = useOrderEntryStore((s) => s.form);
  const created = useOrderEntryStore((s) => s.created);
  const error = useOrderEntryStore((s) => s.error);
  const missing = useOrderEntryStore((s) => s.missing);
  const submitting = useOrderEntryStore((s) => s.submitting);
  const s = useOrderEntryStore.getState();
  const point = parseCoords(form.coords);

  useLiveEvents((e) => useOrderEntryStore.getState().liveEventReceived(e));
  useEffect(() => {
    const timer = setInterval(() => useOrderEntryStore.getState().availabilityRequested(), AVAILABILITY_POLL_MS);
    useOrderEntryStore.getState().availabilityRequested();
    return () => clearInterval(timer);
  }, []);

  const fieldName = (f: string): string =>
    f === 'items'
      ? t('entry.products')
      : f === 'pickupLocation'
        ? t('entry.pickupStore')
        : f === 'coords'
          ? t('entry.coords')
          : t(`entry.${f}` as MessageKey);

  if (created) {
    return (
      <main className="entry-view" data-testid="entry-view">
        <div className="entry-created" role="status" data-testid="entry-created" data-order-id={created.id}>
          <p>{t('entry.created', { number: created.number })}</p>
          <button
            type="button"
            data-testid="entry-see-in-tower"
            autoFocus
            onClick={() => {
              useNavStore.getState().opened('tower');
              useOrderDetailStore.getState().orderSelected(created.id);
              s.resetRequested();
            }}
          >
            {t('entry.seeInTower')}
          </button>{' '}
          <button type="button" data-testid="entry-another" onClick={() => s.resetRequested()}>
            {t('entry.another')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="entry-view" data-testid="entry-view">
      <form
        className="entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          void s.submitted();
        }}
      >
        <h2>{t('entry.title')}</h2>
        <fieldset className="entry-section">
          <legend>{t('entry.customer')}</legend>
          <Field label={t('entry.channel')}>
            {(id) => (
              <select
                id={id}
                value={form.channel}
                data-testid="entry-channel"
                onChange={(e) => s.fieldChanged('channel', e.target.value as EntryForm['channel'])}
              >
                <option value="call_center">{t('entry.channel.call_center')}</option>
                <option value="endless_aisle">{t('entry.channel.endless_aisle')}</option>
              </select>
            )}
          </Field>
          <TextField field="reference" label="entry.reference" />
          <TextField field="name" label="entry.name" autoFocus />
          <TextField field="email" label="entry.email" type="email" />
          <TextField field="phone" label="entry.phone" type="tel" />
        </fieldset>
        <fieldset className="entry-section">
          <legend>{t('entry.address')}</legend>
          <TextField field="line1" label="entry.line1" wide />
          <TextField field="city" label="entry.city" />
          <TextField field="region" label="entry.region" />
          <TextField field="postalCode" label="entry.postalCode" />
          <TextField field="country" label="entry.country" />
          <TextField field="coords" label="entry.coords" wide />
          <p className="muted entry-hint">
            {point === 'bad' ? <span className="entry-missing">{t('entry.coords.bad')}</span> : t('entry.coords.hint')}
          </p>
        </fieldset>
        <fieldset className="entry-section">
          <legend>{t('entry.products')}</legend>
          <ProductSearch />
          <Items />
        </fieldset>
        <Delivery />
        {missing.length ? (
          <div className="entry-missing" role="alert" data-testid="entry-needs">
            {t('entry.needs', { fields: missing.map(fieldName).join(', ') })}
          </div>
        ) : null}
        {error ? (
          <div className="import-error" role="alert" data-testid="entry-error">
            {error}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={submitting} data-testid="entry-submit">
          {submitting ? t('entry.submitting') : t('entry.submit')}
        </button>
      </form>
      <aside className="entry-side">
        <PointPicker point={point && point !== 'bad' ? point : null} onPick={(lat, lng) => s.pointPicked(lat, lng)} />
      </aside>
    </main>
  );
}
