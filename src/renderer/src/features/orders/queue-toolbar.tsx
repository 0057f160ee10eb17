import { useState } from 'react';
import { CHANNELS, ORDER_STATUSES } from '../../../../shared';
import { Chip } from '../../components/chip';
import { useT } from '../../i18n/locale.store';
import { useDebouncedCallback } from '../../lib/use-debounced-callback';
import { selectLocationById, useLocationsStore } from '../map/locations.store';
import { useOrdersStore } from './orders.store';

export const SEARCH_DEBOUNCE_MS = 300;

/** Search, channel, status chips and the location chip the map sets. */
export function QueueToolbar() {
  const { t } = useT();
  const query = useOrdersStore((s) => s.query);
  const { filterChanged, statusFilterToggled, statusFilterCleared } = useOrdersStore.getState();
  const location = useLocationsStore((s) => selectLocationById(s, query.locationId));
  const [search, setSearch] = useState(query.search);
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
        <Chip active={query.status.length === 0} onClick={statusFilterCleared}>
          {t('queue.status.all')}
        </Chip>
        {ORDER_STATUSES.map((s) => (
          <Chip key={s} active={query.status.includes(s)} tone={s} onClick={() => statusFilterToggled(s)} testId={`status-chip-${s}`}>
            {t(`status.${s}`)}
          </Chip>
        ))}
      </div>
    </div>
  );
}
