import { formatDateTime, formatRelative } from '../i18n/format';
import { useT } from '../i18n/locale.store';
import { useNow } from '../lib/use-now';

/** "3 min ago", with the exact local date and time on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  const { locale } = useT();
  const now = useNow(15_000);
  return (
    <time dateTime={iso} title={formatDateTime(locale, iso)}>
      {formatRelative(locale, iso, now)}
    </time>
  );
}
