import { useT } from '../../i18n/locale.store';
import { selectOutage, useSystemStore } from './system.store';

/** One line over the desk while the engine's database or job queue is unreachable (from the health check). */
export function OutageBanner() {
  const { t } = useT();
  const outage = useSystemStore(selectOutage);
  if (!outage) return null;
  return (
    <div className="banner error outage-banner" role="alert" data-testid="outage-banner" data-outage={outage}>
      {t(outage === 'database' ? 'header.outage.database' : 'header.outage.queue')}
    </div>
  );
}
