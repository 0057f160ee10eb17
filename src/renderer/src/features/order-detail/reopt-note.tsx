import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useOrderDetailStore } from './order-detail.store';

interface Side {
  locations: string[];
  names?: string[];
  shipments: number;
  cost: number | null;
}

/** The `reoptimised` part of an `order.reoptimised` event, if it is well formed. */
export function readReoptimised(data: unknown): { before: Side; after: Side; with: { id: string; number: number | null }[] } | null {
  const r = (data as { reoptimised?: unknown } | null)?.reoptimised as Record<string, unknown> | undefined;
  const side = (v: unknown): Side | null => {
    const o = v as Partial<Side> | undefined;
    return o && Array.isArray(o.locations) && typeof o.shipments === 'number'
      ? {
          locations: o.locations,
          names: Array.isArray(o.names) ? o.names : undefined,
          shipments: o.shipments,
          cost: typeof o.cost === 'number' ? o.cost : null,
        }
      : null;
  };
  const before = side(r?.before);
  const after = side(r?.after);
  if (!before || !after) return null;
  const others = Array.isArray(r?.with) ? (r.with as { id?: unknown; number?: unknown }[]) : [];
  return {
    before,
    after,
    with: others
      .filter((w) => typeof w.id === 'string')
      .map((w) => ({ id: w.id as string, number: typeof w.number === 'number' ? w.number : null })),
  };
}

/** What a re-optimised order was, what it is now, and the orders moved with it (each opens). */
export function ReoptNote({ data }: { data: unknown }) {
  const { t, locale } = useT();
  const select = useOrderDetailStore((s) => s.orderSelected);
  const r = readReoptimised(data);
  if (!r) return null;
  const line = (s: Side, key: 'reopt.before' | 'reopt.after') =>
    t(key, {
      locations: (s.names ?? s.locations).join(' + '),
      shipments: s.shipments === 1 ? t('reopt.shipment') : t('reopt.shipments', { n: s.shipments }),
      cost: s.cost === null ? '—' : formatNumber(locale, s.cost, { maximumFractionDigits: 2 }),
    });
  return (
    <div className="timeline-reopt" data-testid="reopt-note">
      <div>{line(r.before, 'reopt.before')}</div>
      <div>{line(r.after, 'reopt.after')}</div>
      {r.with.length ? (
        <div>
          {t('reopt.with')}{' '}
          {r.with.map((w) => (
            <button
              key={w.id}
              type="button"
              className="link"
              data-testid="reopt-with"
              title={t('reopt.open', { number: w.number ?? '?' })}
              onClick={() => select(w.id)}
            >
              #{w.number ?? '?'}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
