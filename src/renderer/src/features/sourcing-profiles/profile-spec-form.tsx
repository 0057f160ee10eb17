import { LOCATION_KINDS } from '../../../../shared';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { numberOrNull, parsedSpec, specValue, withSpecList, withSpecValue, type SpecPath } from './spec-edit';

interface Props {
  specText: string;
  onChange(specText: string): void;
  readOnly: boolean;
}

const WEIGHTS = ['distance', 'shipping', 'labour', 'split', 'stockBalance', 'capacityUse'] as const;
const FILTER_FLAGS = [
  'requireOpenNow',
  'requireBeforeCutoff',
  'respectDailyCapacity',
  'channelEligibility',
  'pickupCapableForPickup',
] as const;
const ZONE_FIELDS = ['maxKm', 'base', 'perKg', 'transitDays'] as const;
const REOPT_NUMBERS = ['periodSeconds', 'minAgeSeconds', 'maxMovesPerPass', 'batchSize'] as const;
const testId = (path: SpecPath) => `pf-${path.join('-')}`;

/**
 * The sourcing profile as a form — strategies (filters, weights, splits, line splitting), the rate
 * card, the promise and re-optimisation — editing the same spec text as the JSON view beside it,
 * so either may be used and the engine validates what is saved.
 */
export function ProfileSpecForm({ specText, onChange, readOnly }: Props) {
  const { t } = useT();
  const spec = parsedSpec(specText);
  if (!spec) return <p className="field-error">{t('pform.invalidJson')}</p>;
  const set = (path: SpecPath, value: unknown) => onChange(withSpecValue(specText, path, value));
  const num = (
    path: SpecPath,
    label: MessageKey,
    o: { nullable?: boolean; percent?: boolean; min?: number; step?: number; bare?: boolean } = {},
  ) => {
    const v = specValue(specText, path);
    const shown = typeof v === 'number' ? (o.percent ? Math.round(v * 1000) / 10 : v) : '';
    return (
      <label className="pf-num">
        {o.bare ? null : t(label)}
        <input
          aria-label={o.bare ? t(label) : undefined}
          type="number"
          min={o.min ?? 0}
          step={o.step ?? 'any'}
          value={shown}
          disabled={readOnly}
          data-testid={testId(path)}
          onChange={(e) => {
            const n = numberOrNull(e.target.value);
            if (n === undefined || (n === null && !o.nullable)) return;
            set(path, n === null ? null : o.percent ? n / 100 : n);
          }}
        />
      </label>
    );
  };
  const flag = (path: SpecPath, label: MessageKey) => (
    <label className="pf-flag">
      <input
        type="checkbox"
        checked={specValue(specText, path) === true}
        disabled={readOnly}
        data-testid={testId(path)}
        onChange={(e) => set(path, e.target.checked)}
      />
      {t(label)}
    </label>
  );
  const strategies = Array.isArray(spec.strategies) ? spec.strategies : [];
  const zones = Array.isArray(spec.rateCard) ? spec.rateCard : [];
  return (
    <div className="profile-form" data-testid="profile-form">
      <fieldset>
        <legend>{t('pform.strategies')}</legend>
        {strategies.map((_, i) => {
          const at = (...rest: (string | number)[]): SpecPath => ['strategies', i, ...rest];
          const kinds = (specValue(specText, at('filters', 'locationKinds')) as string[] | undefined) ?? [...LOCATION_KINDS];
          return (
            <fieldset key={i} className="pf-strategy" data-testid={`pf-strategy-${i}`}>
              <legend>
                {t('pform.strategy', { n: i + 1 })}
                {!readOnly && i > 0 ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => onChange(withSpecList(specText, ['strategies'], (l) => swap(l, i - 1, i)))}
                  >
                    {t('pform.moveUp')}
                  </button>
                ) : null}
                {!readOnly && strategies.length > 1 ? (
                  <button type="button" className="link" data-testid={`pf-remove-${i}`} onClick={() => set(['strategies', i], undefined)}>
                    {t('pform.removeStrategy')}
                  </button>
                ) : null}
              </legend>
              <div className="pf-row">
                <label className="pf-num">
                  {t('pform.name')}
                  <input
                    value={String(specValue(specText, at('name')) ?? '')}
                    disabled={readOnly}
                    data-testid={testId(at('name'))}
                    onChange={(e) => set(at('name'), e.target.value)}
                  />
                </label>
                {num(at('maxSplits'), 'pform.maxSplits', { min: 1, step: 1 })}
                {num(at('splitPenalty'), 'pform.splitPenalty')}
                {num(at('minSplitPartValue'), 'pform.minSplitPartValue')}
              </div>
              <div className="pf-row">
                {flag(at('lineSplit', 'enabled'), 'pform.lineSplit')}
                {num(at('lineSplit', 'penalty'), 'pform.lineSplitPenalty')}
              </div>
              <div className="pf-group">{t('pform.filters')}</div>
              <div className="pf-row">
                <span className="pf-kinds">
                  {t('pform.kinds')}:{' '}
                  {LOCATION_KINDS.map((k) => (
                    <label key={k} className="pf-flag">
                      <input
                        type="checkbox"
                        checked={kinds.includes(k)}
                        disabled={readOnly || (kinds.length === 1 && kinds.includes(k))}
                        data-testid={testId(at('filters', 'locationKinds', k))}
                        onChange={(e) =>
                          set(
                            at('filters', 'locationKinds'),
                            LOCATION_KINDS.filter((x) => (x === k ? e.target.checked : kinds.includes(x))),
                          )
                        }
                      />
                      {t(`pform.kind.${k}`)}
                    </label>
                  ))}
                </span>
                {num(at('filters', 'maxDistanceKm'), 'pform.maxDistanceKm', { nullable: true })}
              </div>
              <div className="pf-row">
                {FILTER_FLAGS.map((f) => (
                  <span key={f}>{flag(at('filters', f), `pform.${f}`)}</span>
                ))}
              </div>
              <div className="pf-group">{t('pform.weights')}</div>
              <div className="pf-row">
                {WEIGHTS.map((w) => (
                  <span key={w}>{num(at('weights', w), `pform.weight.${w}`)}</span>
                ))}
              </div>
            </fieldset>
          );
        })}
        {!readOnly ? (
          <button
            type="button"
            data-testid="pf-add-strategy"
            onClick={() =>
              onChange(
                withSpecList(specText, ['strategies'], (l) => [
                  ...l,
                  { ...structuredClone(l[l.length - 1] as object), name: `fallback-${l.length + 1}` },
                ]),
              )
            }
          >
            {t('pform.addStrategy')}
          </button>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('pform.rateCard')}</legend>
        <table className="pf-zones">
          <thead>
            <tr>
              <th>{t('pform.zone.name')}</th>
              {ZONE_FIELDS.map((f) => (
                <th key={f}>{t(`pform.zone.${f}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {zones.map((_, z) => (
              <tr key={z}>
                <td>
                  <input
                    aria-label={t('pform.zone.name')}
                    value={String(specValue(specText, ['rateCard', z, 'name']) ?? '')}
                    disabled={readOnly}
                    onChange={(e) => set(['rateCard', z, 'name'], e.target.value)}
                  />
                </td>
                {ZONE_FIELDS.map((f) => (
                  <td key={f}>{num(['rateCard', z, f], `pform.zone.${f}`, { nullable: f === 'maxKm', bare: true })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {num(['promiseDays'], 'pform.promiseDays', { step: 1 })}
      </fieldset>
      <fieldset data-testid="pf-reopt">
        <legend>{t('pform.reopt')}</legend>
        {flag(['reoptimisation', 'enabled'], 'pform.reopt.enabled')}
        <div className="pf-row">
          {REOPT_NUMBERS.map((k) => (
            <span key={k}>{num(['reoptimisation', k], `pform.reopt.${k}`, { step: 1, min: k === 'minAgeSeconds' ? 0 : 1 })}</span>
          ))}
          {num(['reoptimisation', 'threshold'], 'pform.reopt.threshold', { percent: true })}
        </div>
      </fieldset>
    </div>
  );
}

function swap(list: unknown[], a: number, b: number): unknown[] {
  const out = [...list];
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}
