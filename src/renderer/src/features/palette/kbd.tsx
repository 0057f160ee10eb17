import { useT } from '../../i18n/locale.store';

/** A key shown beside a button (`<kbd>`), hidden from screen readers, which get `aria-keyshortcuts` on the button instead. */
export function KeyHint({ k }: { k: string }) {
  const { t } = useT();
  return (
    <kbd className="key-hint" aria-hidden="true" title={t('keys.shortcut', { key: k.toUpperCase() })}>
      {k.toUpperCase()}
    </kbd>
  );
}
