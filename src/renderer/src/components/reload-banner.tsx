import { useT } from '../i18n/locale.store';

/** A view's data could not be loaded: what went wrong, and a button that asks again. */
export function ReloadBanner({ message, onReload }: { message: string | null; onReload(): void }) {
  const { t } = useT();
  if (!message) return null;
  return (
    <div className="banner error" role="alert">
      {message}
      <button type="button" onClick={onReload}>
        {t('floor.reload')}
      </button>
    </div>
  );
}
