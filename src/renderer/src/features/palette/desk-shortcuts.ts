import type { MessageKey } from '../../i18n/i18n';
import { DETAIL_KEYS } from './detail-commands.store';

/** One line of the keyboard help: the keys (each shown as a `<kbd>`, alternatives separated) and what they do. */
export interface ShortcutLine {
  keys: readonly string[];
  does: MessageKey;
}

/** Whether the desk runs on a Mac, where the palette's key is ⌘K. */
export const isMac = (platform = globalThis.navigator?.platform ?? '') => /mac|iphone|ipad/i.test(platform);

/**
 * Every keyboard shortcut of the desk, by where it works, for the `?` help. The queue's keys are
 * handled in `orders/order-table.tsx`, the panel's in `order-detail/order-detail-panel.tsx` (through
 * {@link DETAIL_KEYS}), the palette's and the help's in `desk-keys.tsx`.
 */
export function deskShortcuts(mac = isMac()): { title: MessageKey; lines: ShortcutLine[] }[] {
  const up = (k: string) => k.toUpperCase();
  return [
    {
      title: 'keys.help.desk',
      lines: [
        { keys: [mac ? '⌘ K' : 'Ctrl K'], does: 'keys.desk.palette' },
        { keys: ['?'], does: 'keys.desk.help' },
        { keys: ['Esc'], does: 'keys.desk.escape' },
      ],
    },
    {
      title: 'keys.help.queue',
      lines: [
        { keys: ['J', 'K', '↓', '↑'], does: 'keys.queue.move' },
        { keys: ['Enter'], does: 'keys.queue.open' },
        { keys: ['X'], does: 'keys.queue.select' },
        { keys: ['Shift X'], does: 'keys.queue.range' },
        { keys: ['N'], does: 'keys.queue.held' },
      ],
    },
    {
      title: 'keys.help.detail',
      lines: [
        { keys: [up(DETAIL_KEYS.advance)], does: 'keys.detail.advance' },
        { keys: [up(DETAIL_KEYS.cancel)], does: 'keys.detail.cancel' },
        { keys: [up(DETAIL_KEYS.move)], does: 'keys.detail.move' },
        { keys: [up(DETAIL_KEYS.print)], does: 'keys.detail.print' },
        { keys: ['Esc'], does: 'keys.detail.close' },
        { keys: ['←', '→'], does: 'keys.detail.resize' },
      ],
    },
    {
      title: 'keys.help.palette',
      lines: [
        { keys: ['↓', '↑'], does: 'keys.palette.choose' },
        { keys: ['Enter'], does: 'keys.palette.run' },
        { keys: ['Esc'], does: 'keys.palette.close' },
      ],
    },
  ];
}
