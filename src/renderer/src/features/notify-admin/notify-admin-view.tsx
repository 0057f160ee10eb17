import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';
import { NOTIFY_ADMIN_TABS, useNotifyAdminTab } from './admin-tab.store';
import { TemplatesSection } from './templates-section';
import { WebhooksSection } from './webhooks-section';
import './notify-admin.css';

/**
 * Notificaciones: the customer messages' templates (edited with a live preview on a real order)
 * and the merchant's webhook endpoints with their delivery log. Admins edit; a role that may read
 * templates but not save them (should the view be opened to one) sees them read-only, and the
 * webhooks tab only when it may call the admin's endpoints.
 */
export function NotifyAdminView() {
  const { t } = useT();
  const chosen = useNotifyAdminTab((s) => s.tab);
  const mayHooks = useMay('notifications.endpoints').ok;
  const tabs = NOTIFY_ADMIN_TABS.filter((id) => id !== 'webhooks' || mayHooks);
  const tab = tabs.includes(chosen) ? chosen : 'templates';
  return (
    <main className="panel notify-admin" data-testid="notify-admin-view" aria-label={t('notifyAdmin.title')}>
      <div className="panel-head notify-admin-head">
        <h2>{t('notifyAdmin.title')}</h2>
        <div className="notify-admin-tabs" role="tablist" aria-label={t('notifyAdmin.tabs')}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`notify-admin-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="notify-admin-panel"
              className={tab === id ? 'notify-admin-tab on' : 'notify-admin-tab'}
              data-testid={`notify-admin-tab-${id}`}
              onClick={() => useNotifyAdminTab.getState().tabChosen(id)}
            >
              {t(`notifyAdmin.tab.${id}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="notify-admin-panel" id="notify-admin-panel" role="tabpanel" aria-labelledby={`notify-admin-tab-${tab}`}>
        {tab === 'templates' ? <TemplatesSection /> : <WebhooksSection />}
      </div>
    </main>
  );
}
