import { useEffect } from 'react';
import { CommandPalette } from './command-palette';
import { isPaletteKey, modalIsOpen, shortcutAllowed } from './key-guard';
import { usePaletteStore } from './palette.store';
import { ShortcutHelp } from './shortcut-help';
import './palette.css';

/**
 * The desk's global keys and the layers they open: Ctrl+K / ⌘K the command palette (even from a
 * field — it is no letter), `?` the shortcut help (not while typing, nor over another dialog).
 * Mounted once in the desk.
 */
export function DeskKeys() {
  const open = usePaletteStore((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { open: now, opened, closed } = usePaletteStore.getState();
      if (isPaletteKey(e)) {
        // Over another dialog (the override, a password change) the palette would act behind it.
        if (!now && modalIsOpen()) return;
        e.preventDefault();
        if (now === 'palette') closed();
        else opened('palette', document.activeElement);
      } else if (e.key === '?' && !now && shortcutAllowed(e, modalIsOpen())) {
        e.preventDefault();
        opened('help', document.activeElement);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (open === 'palette') return <CommandPalette />;
  if (open === 'help') return <ShortcutHelp />;
  return null;
}
