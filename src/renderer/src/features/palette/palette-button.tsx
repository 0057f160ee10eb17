import { useT } from '../../i18n/locale.store';
import { isMac } from './desk-shortcuts';
import { usePaletteStore } from './palette.store';

/** The header's way into the command palette, for the mouse, with its key shown. */
export function PaletteButton() {
  const { t } = useT();
  return (
    <button
      type="button"
      className="palette-button"
      data-testid="palette-button"
      title={t('palette.open.title')}
      aria-label={t('palette.open')}
      aria-keyshortcuts={isMac() ? 'Meta+K' : 'Control+K'}
      onClick={(e) => usePaletteStore.getState().opened('palette', e.currentTarget)}
    >
      <span className="palette-button-label">{t('palette.open')}</span> <kbd aria-hidden="true">{isMac() ? '⌘K' : 'Ctrl K'}</kbd>
    </button>
  );
}
