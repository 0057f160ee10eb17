import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';

interface Pick {
  locationName: string;
  distanceKm: number | null;
}

const readPick = (v: unknown): Pick | null => {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const name = typeof o.locationName === 'string' ? o.locationName : typeof o.locationId === 'string' ? o.locationId : null;
  return name ? { locationName: name, distanceKm: typeof o.distanceKm === 'number' ? o.distanceKm : null } : null;
};

/** Reads an `order.overridden` event's data defensively: the engine's choice and the supervisor's. */
export function readOverride(
  data: Record<string, unknown> | null,
): { engine: Pick | null; override: Pick; lines: string[] | null } | undefined {
  if (!data) return undefined;
  const override = readPick(data.override);
  const lines = Array.isArray(data.lines)
    ? (data.lines as unknown[]).flatMap((l) =>
        l && typeof l === 'object' && typeof (l as Record<string, unknown>).sku === 'string'
          ? [`${(l as Record<string, unknown>).sku as string} × ${String((l as Record<string, unknown>).quantity ?? '?')}`]
          : [],
      )
    : null;
  return override ? { engine: readPick(data.engineChoice), override, lines: lines?.length ? lines : null } : undefined;
}

/** On the timeline: what the engine chose and where the supervisor moved the order, side by side. */
export function OverrideComparison({ data }: { data: Record<string, unknown> | null }) {
  const { t, locale } = useT();
  const o = readOverride(data);
  if (!o) return null;
  const km = (p: Pick) => (p.distanceKm === null ? '' : ` · ${formatNumber(locale, p.distanceKm, { maximumFractionDigits: 1 })} km`);
  return (
    <div className="override-compare" data-testid="override-compare">
      <div data-testid="override-compare-engine">
        <span className="muted small">{t('override.compare.engine')}</span>
        <strong>{o.engine ? o.engine.locationName : t('override.compare.none')}</strong>
        <span className="muted small">{o.engine ? km(o.engine) : ''}</span>
      </div>
      <span className="arrow">→</span>
      <div data-testid="override-compare-override">
        <span className="muted small">{t('override.compare.override')}</span>
        <strong>{o.override.locationName}</strong>
        <span className="muted small">{km(o.override)}</span>
        {o.lines ? (
          <span className="small" data-testid="override-compare-lines">
            {t('override.compare.lines', { lines: o.lines.join(', ') })}
          </span>
        ) : null}
      </div>
    </div>
  );
}
