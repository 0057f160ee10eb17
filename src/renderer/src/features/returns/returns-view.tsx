import { useEffect, useState } from 'react';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';
import { ApprovalsSection } from './approvals-section';
import { useApprovalsStore } from './approvals.store';
import { RecentSection } from './recent-section';
import { ReturnCounter } from './return-counter';
import './returns.css';

const TABS = ['approvals', 'recent', 'counter'] as const;
type Tab = (typeof TABS)[number];

/**
 * Devoluciones: the approvals queue (returns the policy sent to a person, decided in bulk), the
 * recent returns, and the counter where a parcel is received by its number and inspected.
 * Planners and supervisors see all three; a store associate the counter and their location's returns.
 */
export function ReturnsView() {
  const { t, locale } = useT();
  const mayDecide = useMay('returns.decide').ok;
  const mayReceive = useMay('returns.receive').ok;
  // The central desk decides first; a store's associate works the counter first.
  const order: readonly Tab[] = mayDecide ? TABS : ['counter', 'recent'];
  const tabs = order.filter((x) => (x === 'approvals' ? mayDecide : x === 'counter' ? mayReceive : true));
  const [chosen, setChosen] = useState<Tab>(mayDecide ? 'approvals' : 'counter');
  const tab = tabs.includes(chosen) ? chosen : tabs[0]!;
  const waiting = useApprovalsStore((s) => s.queue.length);
  const loading = useApprovalsStore((s) => s.loading);
  const error = useApprovalsStore((s) => s.error);
  useEffect(() => void useApprovalsStore.getState().refreshRequested(), []);
  useLiveEvents((e) => useApprovalsStore.getState().liveEventReceived(e));
  return (
    <main className="panel returns-view" data-testid="returns-view" aria-label={t('returns.title')}>
      <div className="panel-head returns-head">
        <h2>{t('returns.title')}</h2>
        <div className="returns-tabs" role="tablist" aria-label={t('returns.tabs')}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`returns-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="returns-panel"
              className={tab === id ? 'returns-tab on' : 'returns-tab'}
              data-testid={`returns-tab-${id}`}
              onClick={() => setChosen(id)}
            >
              {t(`returns.tab.${id}`)}
              {id === 'approvals' && waiting ? <span className="returns-count">{formatNumber(locale, waiting)}</span> : null}
            </button>
          ))}
        </div>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        {tab !== 'counter' ? (
          <button type="button" className="ghost returns-refresh" onClick={() => void useApprovalsStore.getState().refreshRequested()}>
            {t('returns.refresh')}
          </button>
        ) : null}
      </div>
      {tab !== 'counter' ? (
        <ReloadBanner
          message={error ? t('returns.error', { message: error }) : null}
          onReload={() => void useApprovalsStore.getState().refreshRequested()}
        />
      ) : null}
      <div className="returns-panel" id="returns-panel" role="tabpanel" aria-labelledby={`returns-tab-${tab}`}>
        {tab === 'approvals' ? <ApprovalsSection /> : tab === 'recent' ? <RecentSection /> : <ReturnCounter />}
      </div>
    </main>
  );
}
