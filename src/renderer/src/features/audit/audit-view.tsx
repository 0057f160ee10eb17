import { useEffect, useMemo, useState } from 'react';
import { DESK_ROLES, mayCall, type User } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import './audit.css';
import { useLocationsStore } from '../map/locations.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { AuditRow } from './audit-row';
import { AUDIT_OUTCOMES, NO_FILTERS, useAuditStore, type AuditFilters } from './audit.store';
import { desk } from '../../api/desk-client';

/** Where the action filter usually starts: one per domain. */
const ACTION_PREFIXES = [
  'orders.',
  'sourcing.',
  'fulfilment.',
  'inventory.',
  'channels.',
  'inbox.',
  'imports.',
  'users.',
  'apiKeys.',
  'session.',
];

/** Audit: who did what, when and with what outcome; filters, newest first, "load more", and each entry's before/after. */
export function AuditView() {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const { rows, nextBefore, loading, error, filters } = useAuditStore();
  const locations = useLocationsStore((s) => s.locations);
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    void useAuditStore.getState().refreshRequested();
    if (!useLocationsStore.getState().loaded) void useLocationsStore.getState().refreshRequested();
    // Admins may list users to filter by; a supervisor picks from the people in the entries shown.
    if (mayCall(role, 'users.list')) void desk.call('users.list', {}).then(setUsers, () => undefined);
  }, [role]);
  useLiveEvents((e) => useAuditStore.getState().liveEventReceived(e));
  const people = useMemo(() => {
    const byId = new Map<string, string>(users.map((u) => [u.id, u.displayName]));
    for (const r of rows) if (!byId.has(r.userId)) byId.set(r.userId, r.userName);
    if (filters.userId && !byId.has(filters.userId)) byId.set(filters.userId, filters.userId);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [users, rows, filters.userId]);
  const canOpenOrders = mayCall(role, 'orders.get') && (DESK_ROLES as readonly string[]).includes(role ?? '');
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  const set = (patch: Partial<AuditFilters>) => void useAuditStore.getState().filtersChanged(patch);

  return (
    <main className="intake-view single" data-testid="audit-view">
      <section className="panel intake-list">
        <div className="panel-head">
          <h2>{t('audit.title')}</h2>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          <span className="muted small">{t('audit.help')}</span>
        </div>
        <form className="audit-filters" data-testid="audit-filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('audit.filter.user')}
            <select data-testid="audit-filter-user" value={filters.userId} onChange={(e) => set({ userId: e.target.value })}>
              <option value="">{t('audit.filter.user.all')}</option>
              {people.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.filter.order')}
            <DebouncedInput testId="audit-filter-order" value={filters.orderId} onCommit={(orderId) => set({ orderId })} />
          </label>
          <label>
            {t('audit.filter.location')}
            <select data-testid="audit-filter-location" value={filters.locationId} onChange={(e) => set({ locationId: e.target.value })}>
              <option value="">{t('audit.filter.location.all')}</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label title={t('audit.filter.action.hint')}>
            {t('audit.filter.action')}
            <DebouncedInput
              testId="audit-filter-action"
              value={filters.action}
              list="audit-actions"
              onCommit={(action) => set({ action })}
            />
            <datalist id="audit-actions">
              {ACTION_PREFIXES.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </label>
          <label>
            {t('audit.filter.outcome')}
            <select
              data-testid="audit-filter-outcome"
              value={filters.outcome}
              onChange={(e) => set({ outcome: e.target.value as AuditFilters['outcome'] })}
            >
              <option value="">{t('audit.filter.outcome.all')}</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`audit.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.filter.from')}
            <input type="date" data-testid="audit-filter-from" value={filters.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
          </label>
          <label>
            {t('audit.filter.to')}
            <input type="date" data-testid="audit-filter-to" value={filters.toDay} onChange={(e) => set({ toDay: e.target.value })} />
          </label>
          <button type="button" className="ghost" onClick={() => set(NO_FILTERS)}>
            {t('audit.filter.clear')}
          </button>
        </form>
        {error ? (
          <div className="banner error" role="alert" data-testid="audit-error">
            {t('audit.error', { message: error })}
          </div>
        ) : null}
        <table className="intake-table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.col.time')}</th>
              <th>{t('audit.col.who')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.outcome')}</th>
              <th>{t('audit.col.reason')}</th>
              <th>{t('audit.col.about')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <AuditRow key={r.id} entry={r} canOpenOrders={canOpenOrders} locationName={locationName} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !loading && !error ? <p className="muted intake-empty">{t('audit.empty')}</p> : null}
        <div className="audit-more">
          {nextBefore ? (
            <button type="button" data-testid="audit-more" disabled={loading} onClick={() => void useAuditStore.getState().moreRequested()}>
              {t('audit.more')}
            </button>
          ) : rows.length ? (
            <span className="muted small">{t('audit.end')}</span>
          ) : null}
        </div>
      </section>
    </main>
  );
}

/** A text filter that asks the engine when typing pauses (or on Enter), not on every key. */
function DebouncedInput({ value, onCommit, testId, list }: { value: string; onCommit(v: string): void; testId: string; list?: string }) {
  const [draft, setDraft] = useState(value);
  // The filter changed from elsewhere (cleared, or a location link): show it (React's "adjust state on a prop change").
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft), 400);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  return (
    <input
      data-testid={testId}
      list={list}
      value={draft}
      maxLength={100}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && onCommit(draft)}
    />
  );
}
