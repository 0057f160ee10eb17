import { useEffect, useRef, type ReactNode } from 'react';
import type { OrderDetail } from '../../../../shared';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { describeReasonCodes } from '../../i18n/reasons';
import { useT } from '../../i18n/locale.store';
import { useOrdersStore } from '../orders/orders.store';
import { focusQueueRow } from '../orders/queue-focus';
import { onDetailKey } from '../palette/detail-commands.store';
import { DetailResizer } from './detail-resizer';
import { useDetailWidth } from './detail-width';
import { intakeFacts } from './intake-facts';
import { OrderActions } from './order-actions';
import { useOrderDetailStore } from './order-detail.store';
import { OrderTimeline } from './order-timeline';
import { ShippingSection } from '../shipping/shipping-section';
import { CustomerMessagesSection } from '../notifications/customer-messages-section';
import { OrderReturnsSection } from '../returns/order-returns-section';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function OrderFacts({ d }: { d: OrderDetail }) {
  const { t, locale } = useT();
  const a = d.shipTo;
  return (
    <dl className="facts">
      <Field label={t('detail.channel')}>
        {translateOr(locale, `channel.${d.channel}`, d.channel)} · <span className="mono">{d.externalId}</span>
      </Field>
      <Field label={t('detail.customer')}>
        {d.customer.name}
        {d.customer.email ? <div className="muted small">{d.customer.email}</div> : null}
        {d.customer.phone ? <div className="muted small">{d.customer.phone}</div> : null}
      </Field>
      <Field label={t('detail.shipTo')}>
        {a.line1}
        <div className="muted small">{[a.postalCode, a.city, a.region, a.country].filter(Boolean).join(', ')}</div>
      </Field>
      <Field label={t('detail.location')}>
        {d.locationName ? (
          <button
            type="button"
            className="link"
            onClick={() => useOrdersStore.getState().filterChanged({ locationId: d.locationId })}
            data-testid="detail-location"
          >
            {d.locationName}
          </button>
        ) : (
          <span className="muted">{t('detail.unassigned')}</span>
        )}
      </Field>
      {d.unfillableReason ? (
        <Field label={t('detail.unfillable')}>
          {describeReasonCodes(locale, d.unfillableReasonCodes, d.unfillableReason, ['sourcing'])}
        </Field>
      ) : null}
      <Field label={t('detail.total')}>
        {formatNumber(locale, d.totalUnits)} u{d.totalAmount !== null ? ` · ${formatMoney(locale, d.totalAmount, d.currency)}` : ''}
      </Field>
      <Field label={t('detail.created')}>{formatDateTime(locale, d.createdAt)}</Field>
      {intakeFacts(d, t, locale).map((f) => (
        <Field key={f.id} label={t(f.label)}>
          <span data-testid={`intake-${f.id}`}>{f.value}</span>
        </Field>
      ))}
    </dl>
  );
}

function OrderLines({ d }: { d: OrderDetail }) {
  const { t, locale } = useT();
  return (
    <table className="lines" data-testid="order-lines">
      <thead>
        <tr>
          <th>{t('detail.line.sku')}</th>
          <th>{t('detail.line.product')}</th>
          <th className="num">{t('detail.line.qty')}</th>
        </tr>
      </thead>
      <tbody>
        {d.lines.map((l) => (
          <tr key={l.lineNo} data-testid="order-line" data-sku={l.sku}>
            <td className="mono">{l.sku}</td>
            <td>
              {l.productName ?? <span className="muted">—</span>}
              {l.backorderedQuantity ? (
                <div className="muted small" data-testid="line-backordered">
                  {t('parts.line.backordered', { qty: formatNumber(locale, l.backorderedQuantity) })}
                </div>
              ) : null}
              {l.cancelledQuantity ? (
                <div className="muted small" data-testid="line-cancelled">
                  {t('parts.line.cancelled', { qty: formatNumber(locale, l.cancelledQuantity) })}
                </div>
              ) : null}
            </td>
            <td className="num">{formatNumber(locale, l.quantity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the order ships from, part by part, and the orders it is linked to by backorders (each opens in this panel). */
function OrderParts({ d }: { d: OrderDetail }) {
  const { t, locale } = useT();
  const open = (id: string) => useOrderDetailStore.getState().orderSelected(id);
  const ref = (o: OrderDetail['backorders'][number]) => (
    <button key={o.id} type="button" className="link" data-testid="backorder-link" onClick={() => open(o.id)}>
      #{o.number} <span className="muted small">({t(`status.${o.status}`)})</span>
    </button>
  );
  if (d.parts.length < 2 && !d.backorderOf && !d.backorders.length && !d.parts.some((p) => p.status !== 'assigned')) return null;
  return (
    <>
      <h3>{t('parts.title')}</h3>
      {d.parts.length ? (
        <table className="lines" data-testid="order-parts">
          <tbody>
            {d.parts.map((p) => (
              <tr key={p.id} data-testid="order-part" data-location={p.locationId} data-status={p.status}>
                <td>{p.locationName}</td>
                <td className="muted small">{p.lines.map((l) => `${formatNumber(locale, l.quantity)} × ${l.sku}`).join(', ')}</td>
                <td className="num">{t(`parts.status.${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {d.backorderOf || d.backorders.length ? (
        <dl className="facts">
          {d.backorderOf ? <Field label={t('parts.backorderOf')}>{ref(d.backorderOf)}</Field> : null}
          {d.backorders.length ? <Field label={t('parts.backorders')}>{d.backorders.map(ref)}</Field> : null}
        </dl>
      ) : null}
    </>
  );
}

/** The side panel: one order in full, its actions, shipping, the messages to its customer, and its timeline; live while open. */
export function OrderDetailPanel() {
  const { t } = useT();
  const selectedId = useOrderDetailStore((s) => s.selectedId);
  const detail = useOrderDetailStore((s) => s.detail);
  const loading = useOrderDetailStore((s) => s.loading);
  const error = useOrderDetailStore((s) => s.error);
  const width = useDetailWidth((s) => s.width);
  const panel = useRef<HTMLElement>(null);
  // Opening an order (from the list, a link or the address) moves focus into the panel.
  useEffect(() => {
    if (selectedId) panel.current?.focus({ preventScroll: true });
  }, [selectedId]);
  if (!selectedId) return null;
  const close = () => {
    useOrderDetailStore.getState().closed();
    focusQueueRow(selectedId);
  };
  return (
    <aside
      ref={panel}
      className="panel detail"
      style={{ width }}
      tabIndex={-1}
      data-testid="order-detail"
      data-order-id={selectedId}
      aria-label={detail ? t('detail.title', { number: detail.number }) : t('detail.loading')}
      onKeyDown={(e) => {
        // A, C, M, P: the actions' keys (not while typing, nor over a dialog).
        if (onDetailKey(e)) return;
        // Escape closes the panel and hands focus back to the order's row; not while writing (a reason), nor when a dialog inside took it.
        if (e.key !== 'Escape' || e.defaultPrevented || e.target instanceof HTMLTextAreaElement) return;
        e.preventDefault();
        close();
      }}
    >
      <DetailResizer />
      <div className="panel-head detail-head">
        {detail ? (
          <>
            <h2 data-testid="order-number">{t('detail.title', { number: `#${detail.number}` })}</h2>
            <StatusBadge status={detail.status} testId="order-status" />
          </>
        ) : (
          <h2>{loading ? t('detail.loading') : '—'}</h2>
        )}
        <button
          type="button"
          className="close"
          onClick={close}
          title={t('detail.close')}
          aria-label={t('detail.close')}
          data-testid="detail-close"
        >
          ✕
        </button>
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {t('detail.error', { message: error })}
        </div>
      ) : null}
      {detail ? (
        <div className="detail-body">
          <OrderActions key={detail.id} />
          <OrderFacts d={detail} />
          <h3>
            {t('detail.lines')} <span className="muted">({detail.lines.length})</span>
          </h3>
          <OrderLines d={detail} />
          <OrderParts d={detail} />
          <ShippingSection order={detail} />
          <OrderReturnsSection order={detail} />
          <CustomerMessagesSection orderId={detail.id} />
          <h3>{t('detail.timeline')}</h3>
          <OrderTimeline detail={detail} />
        </div>
      ) : null}
    </aside>
  );
}
