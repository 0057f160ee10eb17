import { AT_RISK_HOURS, DEFAULT_SLA_HOURS, type OrderKpis } from '../../../../shared';
import { formatNumber, formatPercent } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import type { Translate } from '../../i18n/locale.store';
import { shortSpan } from '../orders/urgency';

/** A share, or null when there is nothing to take it of (an empty window is "no data", not 0 %). */
export const ratio = (n: number, of: number): number | null => (of > 0 ? n / of : null);

export type Trend = 'up' | 'down' | 'flat';
export const trendOf = (last: number, previous: number): Trend => (last > previous ? 'up' : last < previous ? 'down' : 'flat');

/** How long ago `iso` was at `asOf` (never negative: desks' clocks drift). */
export const ageAt = (asOf: string, iso: string): number => Math.max(0, new Date(asOf).getTime() - new Date(iso).getTime());

export interface KpiTile {
  id: 'rate' | 'fill' | 'split' | 'onTime' | 'backlog';
  label: string;
  value: string;
  sub: string;
  title: string;
  trend?: Trend;
  trendLabel?: string;
}

export interface KpiView {
  tiles: KpiTile[];
  atRisk: { text: string; title: string };
  late: { text: string; title: string };
}

/** The strip's words and numbers in the desk's language (numbers, shares and spans formatted by locale). */
export function kpiView(k: OrderKpis, locale: Locale, t: Translate): KpiView {
  const n = (x: number) => formatNumber(locale, x);
  const pct = (x: number | null) => (x === null ? t('kpis.none') : formatPercent(locale, x, 1));
  const share = (key: 'fill' | 'split' | 'onTime', part: number, of: number): KpiTile => ({
    id: key,
    label: t(`kpis.${key}.label`),
    value: pct(ratio(part, of)),
    sub: t(`kpis.${key}.sub`, { n: n(part), of: n(of) }),
    title: t(`kpis.${key}.title`, { n: n(part), of: n(of), sla: DEFAULT_SLA_HOURS }),
  });
  const trend = trendOf(k.throughput.lastHour, k.throughput.previousHour);
  const { open, oldestCreatedAt, medianCreatedAt } = k.backlog;
  const span = (iso: string | null) => (iso ? shortSpan(locale, ageAt(k.asOf, iso)) : t('kpis.none'));
  return {
    tiles: [
      {
        id: 'rate',
        label: t('kpis.rate.label'),
        value: n(k.throughput.lastHour),
        sub: t('kpis.rate.sub', { n: n(k.throughput.previousHour) }),
        title: t('kpis.rate.title', { n: n(k.throughput.lastHour), prev: n(k.throughput.previousHour) }),
        trend,
        trendLabel: t(`kpis.rate.${trend}`),
      },
      share('fill', k.fill.filledFirstTime, k.fill.decided),
      share('split', k.split.split, k.split.sourced),
      share('onTime', k.onTime.onTime, k.onTime.left),
      {
        id: 'backlog',
        label: t('kpis.backlog.label'),
        value: span(oldestCreatedAt),
        sub: open > 0 ? t('kpis.backlog.sub', { age: span(medianCreatedAt) }) : t('kpis.backlog.empty'),
        title: t('kpis.backlog.title', { n: n(open), oldest: span(oldestCreatedAt), median: span(medianCreatedAt) }),
      },
    ],
    atRisk: { text: t('kpis.risk.atRisk', { n: n(k.risk.atRisk) }), title: t('kpis.risk.atRisk.title', { hours: AT_RISK_HOURS }) },
    late: { text: t('kpis.risk.late', { n: n(k.risk.late) }), title: t('kpis.risk.late.title', { sla: DEFAULT_SLA_HOURS }) },
  };
}
