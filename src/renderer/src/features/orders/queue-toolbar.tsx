import { useState } from 'react';
import { AT_RISK_HOURS, CHANNELS, ORDER_STATUSES } from '../../../../shared';
import { Chip } from '../../components/chip';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useDebouncedCallback } from '../../lib/use-debounced-callback';
import { selectLocationById, useLocationsStore } from '../map/locations.store';
import { selectCounts, useOrdersStore } from './orders.store';
import { SavedViews } from './saved-views';

export const SEARCH_DEBOUNCE_MS = 300;

/** Search, channel, urgency and status chips with their counts, and the location chip the map sets. */
export function QueueToolbar() {
  const { t, locale } = useT();
  const query = useOrdersStore((s) => s.query);
  const counts = useOrdersStore(selectCounts);
  const { filterChanged, statusFilterToggled, statusFilterCleared, urgencyFilterChanged } = useOrdersStore.getState();
  const n = (x: number | undefined) => formatNumber(locale, x ?? 0);
  const location = useLocationsStore((s) => selectLocationById(s, query.locationId));
  const [search, setSearch] = useState(query.search);
  const restored = useOrdersStore((s) => s.restored);
  const [seenRestored, setSeenRestored] = useState(restored);
  // A state restored from the address (or back/forward) brings its own search text.
  if (seenRestored !== restored) {
    setSeenRestored(restored);
    setSearch(query.search);
  }
  const searchSoon = useDebouncedCallback((value: string) => filterChanged({ search: value }), SEARCH_DEBOUNCE_MS);

  return (
    <div className="queue-toolbar">
      <div className="toolbar-row">
        <input
          className="search"
          type="search"
          value={search}
          placeholder={t('queue.search')}
          aria-label={t('queue.search')}
          data-testid="queue-search"
          maxLength={120}
          onChange={(e) => {
            setSearch(e.target.value);
            searchSoon(e.target.value);
          }}
        />
        <select
          value={query.channel ?? ''}
          onChange={(e) => filterChanged({ channel: e.target.value || null })}
          data-testid="channel-filter"
          aria-label={t('col.channel')}
        >
          <option value="">{t('queue.channel.all')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
        <SavedViews />
        {query.locationId ? (
          <Chip
            active
            tone="location"
            onClick={() => filterChanged({ locationId: null })}
            title={t('queue.location.clear')}
            testId="location-chip"
          >
            {t('queue.location', { name: location?.name ?? query.locationId })} <span aria-hidden="true">✕</span>
          </Chip>
        ) : null}
      </div>
      <div className="toolbar-row status-chips" data-testid="status-filter">
        <span className="urgency-chips" role="group" aria-label={t('queue.counts')}>
          <Chip
            active={query.urgency === 'late'}
            tone="late"
            onClick={() => urgencyFilterChanged(query.urgency === 'late' ? null : 'late')}
            testId="urgency-chip-late"
          >
            <span aria-hidden="true">⚠ </span>
            {t('queue.counts.late', { n: n(counts?.late) })}
          </Chip>
          <Chip
            active={query.urgency === 'atRisk'}
            tone="at-risk"
            onClick={() => urgencyFilterChanged(query.urgency === 'atRisk' ? null : 'atRisk')}
            title={t('queue.counts.atRisk.title', { hours: AT_RISK_HOURS })}
            testId="urgency-chip-atRisk"
          >
            {t('queue.counts.atRisk', { n: n(counts?.atRisk) })}
          </Chip>
        </span>
        <Chip active={query.status.length === 0} onClick={statusFilterCleared}>
          {t('queue.status.all')}
        </Chip>
        {ORDER_STATUSES.map((s) => (
          <Chip key={s} active={query.status.includes(s)} tone={s} onClick={() => statusFilterToggled(s)} testId={`status-chip-${s}`}>
            {t(`status.${s}`)}{' '}
            <span className="chip-count" data-testid={`status-count-${s}`}>
              {n(counts?.byStatus[s])}
            </span>
          </Chip>
        ))}
      </div>
    </div>
  );
}
