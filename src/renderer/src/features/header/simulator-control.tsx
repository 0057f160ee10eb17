import { useState } from 'react';
import { useT } from '../../i18n/locale.store';
import { useSystemStore } from './system.store';

const PRESETS = [0, 30, 120, 600];

/** The demo's order simulator: orders per minute through the real intake path; 0 stops it. */
export function SimulatorControl() {
  const { t } = useT();
  const rate = useSystemStore((s) => s.simulatorRate);
  const error = useSystemStore((s) => s.simulatorError);
  const changed = useSystemStore((s) => s.simulatorRateChanged);
  // What the planner is typing; null shows the engine's rate.
  const [draft, setDraft] = useState<string | null>(null);
  const apply = (value: number) => {
    setDraft(null);
    if (Number.isFinite(value)) void changed(value);
  };
  return (
    <form
      className={`simulator${rate ? ' running' : ''}`}
      data-testid="simulator"
      title={error ?? (rate ? t('header.simulator.running', { n: rate }) : t('header.simulator.stopped'))}
      onSubmit={(e) => {
        e.preventDefault();
        apply(Number(draft ?? rate ?? 0));
      }}
    >
      <span className="simulator-label">{t('header.simulator')}</span>
      <input
        type="number"
        min={0}
        max={6000}
        step={10}
        aria-label={t('header.simulator.unit')}
        value={draft ?? String(rate ?? 0)}
        onChange={(e) => setDraft(e.target.value)}
        data-testid="simulator-rate"
        disabled={rate === null}
      />
      <span className="muted">{t('header.simulator.unit')}</span>
      <button type="submit" disabled={rate === null} data-testid="simulator-apply">
        {t('header.simulator.apply')}
      </button>
      <span className="presets">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={p === rate ? 'active' : ''}
            disabled={rate === null}
            onClick={() => apply(p)}
            title={p === 0 ? t('header.simulator.stop') : undefined}
          >
            {p === 0 ? '■' : p}
          </button>
        ))}
      </span>
      {error ? <span className="error-dot" title={error} /> : null}
    </form>
  );
}
