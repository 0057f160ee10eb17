import { AT_RISK_HOURS, type QueueUrgencyFilter } from '../../../../shared';
import { desk, EngineError } from '../../api/desk-client';
import { useNavStore } from '../../app/nav.store';
import { useDeskViews } from '../../app/use-desk-views';
import { engineErrorText } from '../../i18n/engine-errors';
import { LOCALES, type Locale } from '../../i18n/i18n';
import { useLocaleStore, useT, type Translate } from '../../i18n/locale.store';
import { useOrderDetailStore, selectNextStep } from '../order-detail/order-detail.store';
import { useOrdersStore } from '../orders/orders.store';
import { fromViewQuery, useQueueViewsStore } from '../orders/queue-views.store';
import { useMay } from '../session/use-may';
import { DETAIL_KEYS, useDetailCommands, type DetailAction } from './detail-commands.store';
import { parseOrderNumber, type Matchable } from './palette-match';

export type CommandGroup = 'order' | 'actions' | 'go' | 'queue' | 'language';

/**
 * One thing the palette can do. `run` acts at once (the palette has closed first); `lookup` asks
 * the engine first, the palette open meanwhile: it answers with what to do, or why it cannot.
 */
export type PaletteCommand = Matchable & {
  id: string;
  group: CommandGroup;
  /** The key that does the same outside the palette, if any. */
  shortcut?: string;
  /** The state the command would set is the one on screen (the current language, the filter shown). */
  current?: boolean;
} & ({ run(): void; lookup?: never } | { lookup(): Promise<(() => void) | string>; run?: never });

/** Each language named in itself, as the header's switch names it. */
const LANGUAGE_NAMES: Record<Locale, string> = { es: 'Español', en: 'English', 'pt-BR': 'Português (Brasil)' };

const TOWER = 'tower';

/** Shows the tower (where the queue and the order panel live) and puts focus on the order's panel once it is drawn. */
function showTower() {
  useNavStore.getState().opened(TOWER);
}

function focusPanelSoon() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid=order-detail]')?.focus({ preventScroll: true }));
}

/** Finds an order by its number through the queue's own search (which matches a number exactly) and opens it. */
async function openOrderByNumber(n: number, t: Translate, locale: Locale): Promise<(() => void) | string> {
  try {
    const page = await desk.call('orders.list', { search: String(n), pageSize: 20, page: 0 });
    const order = page.rows.find((o) => o.number === n);
    if (!order) return t('palette.order.notFound', { number: n });
    return () => {
      showTower();
      useOrderDetailStore.getState().orderSelected(order.id);
      focusPanelSoon();
    };
  } catch (e) {
    const message = e instanceof EngineError ? (engineErrorText(locale, e) ?? e.message) : e instanceof Error ? e.message : String(e);
    return t('palette.order.error', { message });
  }
}

/**
 * What the palette offers the signed-in person, for what is typed: the order a number names, the
 * open order's actions (only those its panel offers their role), the views they may open (the tabs'
 * own list), the queue's saved views and urgency filters, and the languages.
 */
export function usePaletteCommands(query: string): PaletteCommand[] {
  const { t, locale } = useT();
  const { visible } = useDeskViews();
  const hasTower = visible.some((v) => v.id === TOWER);
  const views = useQueueViewsStore((s) => s.views);
  const urgency = useOrdersStore((s) => s.query.urgency);
  const detail = useOrderDetailStore((s) => s.detail);
  const offered = useDetailCommands((s) => s.runs);
  const may: Record<DetailAction, boolean> = {
    advance: useMay('orders.advance').ok,
    cancel: useMay('orders.cancel').ok,
    move: useMay('sourcing.override').ok,
    print: useMay('shipping.printLabel').ok,
  };
  const mayViews = useMay('orders.views.list').ok;
  const commands: PaletteCommand[] = [];

  const n = parseOrderNumber(query);
  if (n !== null && hasTower) {
    commands.push({
      id: `order-${n}`,
      group: 'order',
      // The number typed is the label's own, so the command always matches what brought it.
      label: t('palette.order.open', { number: n }),
      keywords: `${n} #${n}`,
      lookup: () => openOrderByNumber(n, t, locale),
    });
  }

  if (detail && hasTower) {
    const next = selectNextStep({ detail });
    const labels: Record<DetailAction, string> = {
      advance: t('palette.action.advance', { number: detail.number, step: next ? t(`advance.${next}`) : '' }),
      cancel: t('palette.action.cancel', { number: detail.number }),
      move: t('palette.action.move', { number: detail.number }),
      print: t('palette.action.print', { number: detail.number }),
    };
    for (const action of ['advance', 'cancel', 'move', 'print'] as const) {
      if (!may[action] || !offered[action]) continue;
      commands.push({
        id: `action-${action}`,
        group: 'actions',
        label: labels[action],
        keywords: String(detail.number),
        shortcut: DETAIL_KEYS[action].toUpperCase(),
        run: () => {
          showTower();
          useDetailCommands.getState().ran(action);
        },
      });
    }
  }

  for (const v of visible) {
    const name = t(v.label);
    commands.push({
      id: `go-${v.id}`,
      group: 'go',
      label: t('palette.go', { view: name }),
      keywords: t('palette.keywords.go'),
      run: () => {
        useNavStore.getState().opened(v.id);
        document.querySelector<HTMLElement>(`[data-testid="nav-${v.id}"]`)?.focus({ preventScroll: true });
      },
    });
  }

  if (hasTower) {
    const urgencyCommand = (id: QueueUrgencyFilter | null, label: string): PaletteCommand => ({
      id: `urgency-${id ?? 'none'}`,
      group: 'queue',
      label,
      keywords: t('palette.keywords.urgency'),
      current: urgency === id,
      run: () => {
        showTower();
        useOrdersStore.getState().urgencyFilterChanged(id);
      },
    });
    commands.push(urgencyCommand('late', t('palette.urgency.late')));
    commands.push(urgencyCommand('atRisk', `${t('palette.urgency.atRisk')} (${AT_RISK_HOURS} h)`));
    if (urgency) commands.push(urgencyCommand(null, t('palette.urgency.clear')));
    if (mayViews) {
      for (const v of views) {
        commands.push({
          id: `view-${v.id}`,
          group: 'queue',
          label: t('palette.view', { name: v.name }),
          keywords: t('palette.keywords.view'),
          run: () => {
            showTower();
            const orders = useOrdersStore.getState();
            orders.queryRestored(fromViewQuery(v.query, orders.query.pageSize));
          },
        });
      }
    }
  }

  for (const l of LOCALES) {
    commands.push({
      id: `lang-${l}`,
      group: 'language',
      label: t('palette.language', { name: LANGUAGE_NAMES[l] }),
      keywords: `${t('palette.keywords.language')} ${l}`,
      current: l === locale,
      run: () => useLocaleStore.getState().localeChanged(l),
    });
  }
  return commands;
}
