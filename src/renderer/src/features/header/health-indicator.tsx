import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectHealthLevel, useSystemStore } from './system.store';

/** Engine health at a glance: one dot, with database and queue details beside it. */
export function HealthIndicator() {
  const { t, locale } = useT();
  const health = useSystemStore((s) => s.health);
  const healthError = useSystemStore((s) => s.healthError);
  const connection = useSystemStore((s) => s.connection);
  const level = selectHealthLevel({ health, healthError });
  const label = t(`header.health.${level}`);
  const part = (name: string, ok: boolean, detail: string, error?: string) => (
    <span className={`health-part ${ok ? 'ok' : 'bad'}`} title={error ?? ''}>
      <span className="dot" /> {name} <span className="muted">{detail}</span>
    </span>
  );
  return (
    <div
      className={`health health-${level}`}
      data-testid="health"
      data-level={level}
      title={healthError ? `${healthError} — ${t('error.network')}` : label}
    >
      <span className="health-summary">
        <span className="dot" />
        <span className="health-label">{label}</span>
      </span>
      {health ? (
        <>
          {part(
            t('header.health.database'),
            health.database.ok,
            health.database.latencyMs === null
              ? ''
              : t('header.health.latency', { ms: formatNumber(locale, Math.round(health.database.latencyMs)) }),
            health.database.error,
          )}
          {part(
            `${t('header.health.queue')} · ${health.queue.backend}`,
            health.queue.ok,
            health.queue.waiting === null ? '' : t('header.health.waiting', { n: formatNumber(locale, health.queue.waiting) }),
            health.queue.error,
          )}
        </>
      ) : null}
      <span className={`live live-${connection}`} data-testid="live-indicator" data-state={connection}>
        {connection === 'live' ? t('header.live.connected') : t('header.health.unknown')}
      </span>
    </div>
  );
}
