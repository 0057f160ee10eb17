import type { ExceptionItem } from '../../../../shared';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { slaState } from './exception-inbox.store';

/** A span in the largest unit that reads well: "12 min", "3 h", "2 d". */
export function formatSpan(locale: Locale, ms: number): string {
  const min = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (min < 60) return formatNumber(locale, min, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const h = Math.round(min / 60);
  if (h < 48) return formatNumber(locale, h, { style: 'unit', unit: 'hour', unitDisplay: 'short' });
  return formatNumber(locale, Math.round(h / 24), { style: 'unit', unit: 'day', unitDisplay: 'short' });
}

/** The SLA timer of an item: time left or overdue, in words, coloured by urgency. */
export function SlaTimer({ item, nowMs }: { item: ExceptionItem; nowMs: number }) {
  const { t, locale } = useT();
  const state = slaState(item, nowMs);
  const left = Date.parse(item.slaDueAt) - nowMs;
  return (
    <span
      className={`sla-chip sla-${state}`}
      data-testid="exception-sla"
      data-sla={state}
      title={t('xinbox.sla.title', { at: formatDateTime(locale, item.slaDueAt) })}
    >
      {state === 'overdue'
        ? t('xinbox.sla.overdue', { time: formatSpan(locale, left) })
        : t('xinbox.sla.left', { time: formatSpan(locale, left) })}
    </span>
  );
}
