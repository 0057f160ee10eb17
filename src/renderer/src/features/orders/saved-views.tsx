import { useEffect, useState } from 'react';
import { mayCall } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useOrdersStore } from './orders.store';
import { fromViewQuery, matchingView, useQueueViewsStore } from './queue-views.store';

/** The planner's saved views: pick one to apply its filters and sort, save the current ones under a name, delete the one shown. */
export function SavedViews() {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const may = mayCall(role, 'orders.views.list');
  const views = useQueueViewsStore((s) => s.views);
  const error = useQueueViewsStore((s) => s.error);
  const busy = useQueueViewsStore((s) => s.busy);
  const query = useOrdersStore((s) => s.query);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  useEffect(() => {
    if (may) void useQueueViewsStore.getState().loadRequested();
  }, [may]);
  if (!may) return null;
  const current = matchingView(views, query);
  const save = async () => {
    if (!name.trim()) return;
    if (await useQueueViewsStore.getState().saveRequested(name, useOrdersStore.getState().query)) {
      setNaming(false);
      setName('');
    }
  };
  return (
    <span className="saved-views" data-testid="saved-views">
      <select
        aria-label={t('queue.views')}
        data-testid="saved-view-select"
        value={current?.id ?? ''}
        onChange={(e) => {
          const v = views.find((x) => x.id === e.target.value);
          if (v) useOrdersStore.getState().queryRestored(fromViewQuery(v.query, useOrdersStore.getState().query.pageSize));
        }}
      >
        <option value="">{t('queue.views.pick')}</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {current ? (
        <button
          type="button"
          className="ghost"
          disabled={busy}
          title={t('queue.views.delete', { name: current.name })}
          aria-label={t('queue.views.delete', { name: current.name })}
          data-testid="saved-view-delete"
          onClick={() => void useQueueViewsStore.getState().deleteRequested(current.id)}
        >
          ✕
        </button>
      ) : null}
      {naming ? (
        <form
          className="saved-view-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            autoFocus
            value={name}
            maxLength={60}
            placeholder={t('queue.views.name')}
            aria-label={t('queue.views.name')}
            data-testid="saved-view-name"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setNaming(false))}
          />
          <button type="submit" disabled={busy || !name.trim()} data-testid="saved-view-confirm">
            {t('queue.views.confirm')}
          </button>
        </form>
      ) : current ? null : (
        <button type="button" onClick={() => setNaming(true)} data-testid="saved-view-save">
          {t('queue.views.save')}
        </button>
      )}
      {error ? (
        <span className="error small" role="alert">
          {t('queue.views.error', { message: error })}
        </span>
      ) : null}
    </span>
  );
}
