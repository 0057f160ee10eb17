import type { LocationHealth } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import type { Translate } from '../../i18n/locale.store';

const el = (tag: string, className?: string, text?: string): HTMLElement => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * A location's hover card, built as DOM with textContent (names come from data: never as HTML).
 * Built when the tooltip opens, from the location's latest numbers.
 */
export function locationTooltip(l: LocationHealth, t: Translate, locale: Locale): HTMLElement {
  const n = (x: number) => formatNumber(locale, x);
  const root = el('div', 'loc-tip');
  const head = el('div', 'loc-tip-head');
  head.append(el('strong', undefined, l.name));
  head.append(el('span', `health-tag health-${l.health}`, l.health === 'paused' ? t('map.tooltip.paused') : t(`health.${l.health}`)));
  root.append(head);
  root.append(el('div', 'muted', `${t(`kind.${l.kind}`)} · ${l.code} · ${l.city}`));
  const table = el('table');
  const row = (label: string, value: string, warn = false) => {
    const tr = el('tr', warn ? 'warn' : undefined);
    tr.append(el('th', undefined, label), el('td', undefined, value));
    table.append(tr);
  };
  row(t('map.kpi.load'), `${n(l.backlog)} / ${n(l.dailyCapacity)}`, l.health === 'critical');
  row(t('map.tooltip.assigned'), `${n(l.assignedToday)} / ${n(l.dailyCapacity)}`);
  row(t('map.tooltip.late'), n(l.late), l.late > 0);
  row(t('map.tooltip.outs'), n(l.stockOuts), l.stockOuts > 0);
  root.append(table);
  root.append(el('div', 'muted small', t('map.tooltip.open')));
  return root;
}
