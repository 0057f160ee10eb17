import { useEffect, useState, type FormEvent } from 'react';
import { BULK_ACTION_ENDPOINTS, BULK_PRINT_DOCS, mayCall, type BulkAction, type BulkActionKind, type DocLocale } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { selectLocations, useLocationsStore } from '../map/locations.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { BulkConfirm, BulkResultView } from './bulk-result';
import { connectBulkToQueue, selectAdvanceTargets, selectSelectedCount, useBulkStore } from './bulk-selection.store';
import { useOrdersStore } from './orders.store';
import './bulk-bar.css';

const KINDS: readonly BulkActionKind[] = ['advance', 'cancel', 'move', 'print'];
const DOC_LOCALE: Record<Locale, DocLocale> = { es: 'es', en: 'en', 'pt-BR': 'pt' };

/**
 * "N selected" with the bulk actions the signed-in role may take (advance, cancel with a reason,
 * move to another location, print), then a confirm step naming how many orders, then what happened.
 */
export function BulkBar() {
  const { t, locale } = useT();
  const count = useBulkStore(selectSelectedCount);
  const step = useBulkStore((s) => s.step);
  const role = useSessionStore(selectRole);
  const [form, setForm] = useState<BulkActionKind | null>(null);
  useEffect(() => connectBulkToQueue(useOrdersStore, useBulkStore), []);
  // A selection emptied (cleared, filtered away, all done) closes the form it had open.
  if (count === 0 && form !== null) setForm(null);

  if (step.kind === 'result') return <BulkResultView />;
  if (step.kind !== 'idle') return <BulkConfirm />;
  if (count === 0) return null;
  const allowed = KINDS.filter((k) => mayCall(role, 'orders.bulk') && mayCall(role, BULK_ACTION_ENDPOINTS[k]));
  const chosen = (action: BulkAction) => {
    setForm(null);
    useBulkStore.getState().actionChosen(action);
  };

  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.selected.many', { n: formatNumber(locale, count) })} data-testid="bulk-bar">
      <div className="bulk-row">
        <strong data-testid="bulk-count">
          {count === 1 ? t('bulk.selected.one') : t('bulk.selected.many', { n: formatNumber(locale, count) })}
        </strong>
        {allowed.map((k) => (
          <button
            key={k}
            type="button"
            className={`${k === 'cancel' ? 'danger ' : ''}${form === k ? 'primary' : 'ghost'}`}
            aria-expanded={form === k}
            data-testid={`bulk-${k}`}
            onClick={() => setForm(form === k ? null : k)}
          >
            {t(`bulk.${k}`)}
          </button>
        ))}
        <button type="button" className="link bulk-clear" data-testid="bulk-clear" onClick={() => useBulkStore.getState().cleared()}>
          {t('bulk.clear')}
        </button>
      </div>
      {form === 'advance' ? <AdvanceForm onChosen={chosen} /> : null}
      {form === 'cancel' ? <ReasonForm kind="cancel" onChosen={chosen} /> : null}
      {form === 'move' ? <ReasonForm kind="move" onChosen={chosen} /> : null}
      {form === 'print' ? <PrintForm docLocale={DOC_LOCALE[locale]} onChosen={chosen} /> : null}
    </div>
  );
}

type Chosen = { onChosen: (action: BulkAction) => void };

function AdvanceForm({ onChosen }: Chosen) {
  const { t, locale } = useT();
  const selected = useBulkStore((s) => s.selected);
  const targets = selectAdvanceTargets({ selected });
  const total = Object.keys(selected).length;
  const [to, setTo] = useState(targets[0]?.to ?? '');
  const current = targets.find((x) => x.to === to)?.to ?? targets[0]?.to;
  if (!current) return <div className="bulk-form muted">{t('bulk.advance.none')}</div>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChosen({ kind: 'advance', to: current });
  };
  return (
    <form className="bulk-form" onSubmit={submit} data-testid="bulk-advance-form">
      <label>
        {t('bulk.advance.to')}{' '}
        <select value={current} onChange={(e) => setTo(e.target.value)} data-testid="bulk-advance-to">
          {targets.map((x) => (
            <option key={x.to} value={x.to}>
              {x.count === total
                ? t(`status.${x.to}`)
                : t('bulk.advance.option', {
                    status: t(`status.${x.to}`),
                    n: formatNumber(locale, x.count),
                    total: formatNumber(locale, total),
                  })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="bulk-next">
        {t('bulk.next')}
      </button>
    </form>
  );
}

/** Cancel (a reason) and move (a location and a reason): nothing goes on without them. */
function ReasonForm({ kind, onChosen }: Chosen & { kind: 'cancel' | 'move' }) {
  const { t } = useT();
  const locations = useLocationsStore(selectLocations);
  const [reason, setReason] = useState('');
  const [locationId, setLocationId] = useState('');
  const [touched, setTouched] = useState(false);
  const ready = reason.trim() !== '' && (kind === 'cancel' || locationId !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!ready) return;
    onChosen(kind === 'cancel' ? { kind, reason: reason.trim() } : { kind, locationId, reason: reason.trim() });
  };
  return (
    <form className="bulk-form" onSubmit={submit} data-testid={`bulk-${kind}-form`} noValidate>
      {kind === 'move' ? (
        <label>
          {t('bulk.move.location')}{' '}
          <select value={locationId} onChange={(e) => setLocationId(e.target.value)} data-testid="bulk-move-location">
            <option value="">{t('bulk.move.pick')}</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.active ? l.name : t('bulk.move.paused', { name: l.name })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <input
        className="bulk-reason"
        value={reason}
        maxLength={500}
        placeholder={t(kind === 'cancel' ? 'bulk.cancel.reason' : 'bulk.move.reason')}
        aria-label={t(kind === 'cancel' ? 'bulk.cancel.reason' : 'bulk.move.reason')}
        aria-invalid={touched && !ready}
        data-testid="bulk-reason"
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="primary" data-testid="bulk-next">
        {t('bulk.next')}
      </button>
      {touched && !ready ? (
        <div className="field-error" role="alert">
          {t(kind === 'cancel' ? 'bulk.cancel.required' : 'bulk.move.required')}
        </div>
      ) : null}
    </form>
  );
}

function PrintForm({ onChosen, docLocale }: Chosen & { docLocale: DocLocale }) {
  const { t } = useT();
  const [what, setWhat] = useState<(typeof BULK_PRINT_DOCS)[number]>('packing_slip');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChosen({ kind: 'print', what, locale: docLocale });
  };
  return (
    <form className="bulk-form" onSubmit={submit} data-testid="bulk-print-form">
      <label>
        {t('bulk.print.what')}{' '}
        <select value={what} onChange={(e) => setWhat(e.target.value as typeof what)} data-testid="bulk-print-what">
          {BULK_PRINT_DOCS.map((d) => (
            <option key={d} value={d}>
              {t(`bulk.print.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="bulk-next">
        {t('bulk.next')}
      </button>
    </form>
  );
}
