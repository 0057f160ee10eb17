import { useEffect } from 'react';
import { NOTIFICATION_EVENTS, type NotificationEvent } from '../../../../shared';
import { ReloadBanner } from '../../components/reload-banner';
import { RelativeTime } from '../../components/relative-time';
import { formatLanguageName, formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';
import { localesOf, summaryFor } from './template-draft';
import { TemplateEditor } from './template-editor';
import { TemplatePreviewPane } from './template-preview';
import { selectDirty, selectIssues, useTemplatesStore } from './templates.store';

/** A language tag in the desk's language ("español (Argentina)"), the tag itself where the browser has no name for it. */
export function localeName(desk: Locale, tag: string): string {
  return formatLanguageName(desk, tag);
}

/** Plantillas: pick an event and a language; the editor beside its live preview; save, or go back to Atalaya's. */
export function TemplatesSection() {
  const { t, locale: deskLocale } = useT();
  const s = useTemplatesStore();
  const store = useTemplatesStore.getState();
  const mayEdit = useMay('notifications.saveTemplate');
  const dirty = selectDirty(s);
  const problems = selectIssues(s);
  useEffect(() => void useTemplatesStore.getState().refreshRequested(), []);
  const eventName = (e: NotificationEvent) => t(`notify.event.${e}`);
  const opened = s.opened;
  return (
    <div className="tpl-section" data-testid="templates-section">
      <div className="tpl-toolbar">
        <label>
          <span className="muted small">{t('notifyAdmin.tpl.event')}</span>
          <select
            data-testid="tpl-event"
            value={s.event}
            onChange={(e) => void store.templateChosen(e.target.value as NotificationEvent, s.locale)}
          >
            {NOTIFICATION_EVENTS.map((e) => {
              const own = summaryFor(s.summaries, e, s.locale);
              return (
                <option key={e} value={e}>
                  {own?.source === 'merchant' ? t('notifyAdmin.tpl.own', { event: eventName(e), version: own.version ?? 1 }) : eventName(e)}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          <span className="muted small">{t('notifyAdmin.tpl.locale')}</span>
          <select data-testid="tpl-locale" value={s.locale} onChange={(e) => void store.templateChosen(s.event, e.target.value)}>
            {localesOf(s.summaries).map((l) => (
              <option key={l} value={l}>
                {localeName(deskLocale, l)} · {l}
              </option>
            ))}
          </select>
        </label>
        {opened ? (
          <span className="tpl-source small" data-testid="tpl-source" data-source={opened.source} data-version={opened.version ?? ''}>
            {opened.source === 'merchant' && opened.version !== null ? (
              <>
                <strong>{t('notifyAdmin.tpl.source.merchant', { version: formatNumber(deskLocale, opened.version) })}</strong>
                {opened.updatedBy ? ` · ${t('notifyAdmin.tpl.by', { name: opened.updatedBy })}` : null}
                {opened.updatedAt ? (
                  <>
                    {' · '}
                    <RelativeTime iso={opened.updatedAt} />
                  </>
                ) : null}
              </>
            ) : (
              t('notifyAdmin.tpl.source.default')
            )}
          </span>
        ) : null}
        {dirty ? (
          <span className="tpl-dirty small" data-testid="tpl-dirty">
            ● {t('notifyAdmin.tpl.dirty')}
          </span>
        ) : null}
        {s.loading || s.opening ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="topbar-spacer" />
        {!mayEdit.ok ? <span className="muted small">{t('notifyAdmin.readOnly')}</span> : null}
        {mayEdit.ok && opened?.source === 'merchant' && opened.version !== null && !s.confirmReset ? (
          <button type="button" className="ghost" data-testid="tpl-reset" disabled={s.saving} onClick={() => store.resetAsked(true)}>
            {t('notifyAdmin.tpl.reset')}
          </button>
        ) : null}
        {mayEdit.ok ? (
          <button
            type="button"
            className="primary"
            data-testid="tpl-save"
            disabled={!s.draft || s.saving || s.opening}
            onClick={() => void store.saveRequested()}
          >
            {s.saving ? t('notifyAdmin.tpl.saving') : t('notifyAdmin.tpl.save')}
          </button>
        ) : null}
      </div>
      <ReloadBanner
        message={s.error ? t('notifyAdmin.tpl.error', { message: s.error }) : null}
        onReload={() => void store.reloadRequested()}
      />
      {s.confirmReset ? (
        <div className="banner info" role="alertdialog" aria-label={t('notifyAdmin.tpl.reset')} data-testid="tpl-reset-confirm">
          <span>{t('notifyAdmin.tpl.reset.confirm', { event: eventName(s.event), locale: s.locale })}</span>
          <span className="tpl-banner-actions">
            <button
              type="button"
              className="danger"
              data-testid="tpl-reset-yes"
              disabled={s.saving}
              onClick={() => void store.resetConfirmed()}
            >
              {t('notifyAdmin.tpl.reset.yes')}
            </button>
            <button type="button" className="ghost" autoFocus onClick={() => store.resetAsked(false)}>
              {t('notifyAdmin.tpl.reset.no')}
            </button>
          </span>
        </div>
      ) : null}
      {s.pendingOpen ? (
        <div className="banner info" role="alertdialog" aria-label={t('notifyAdmin.tpl.dirty')} data-testid="tpl-pending">
          <span>{t('notifyAdmin.tpl.pending', { event: eventName(s.event), locale: s.locale })}</span>
          <span className="tpl-banner-actions">
            <button type="button" className="danger ghost" data-testid="tpl-discard" onClick={() => void store.discardConfirmed()}>
              {t('notifyAdmin.tpl.pending.discard')}
            </button>
            <button type="button" className="ghost" autoFocus onClick={() => store.discardCancelled()}>
              {t('notifyAdmin.tpl.pending.keep')}
            </button>
          </span>
        </div>
      ) : null}
      {s.conflict ? (
        <div className="banner error tpl-conflict" role="alert" data-testid="tpl-conflict">
          <div>
            <strong>{t('notifyAdmin.tpl.conflict')}</strong>
            <div className="small">{s.conflict}</div>
            <div className="small">{t('notifyAdmin.tpl.conflict.hint')}</div>
          </div>
          <button type="button" data-testid="tpl-reload" onClick={() => void store.reloadRequested()}>
            {t('notifyAdmin.tpl.reload')}
          </button>
        </div>
      ) : null}
      {s.issues.length ? (
        <div className="banner error" role="alert" data-testid="tpl-refused">
          {s.issues.length === 1
            ? t('notifyAdmin.tpl.refused.one')
            : t('notifyAdmin.tpl.refused', { n: formatNumber(deskLocale, s.issues.length) })}
        </div>
      ) : null}
      {s.saveError ? (
        <div className="banner error" role="alert" data-testid="tpl-save-error">
          {t('notifyAdmin.tpl.saveError', { message: s.saveError })}
        </div>
      ) : null}
      {s.notice ? (
        <div className="banner info" role="status" data-testid="tpl-notice">
          {s.notice.kind === 'saved'
            ? t('notifyAdmin.tpl.saved', { version: formatNumber(deskLocale, s.notice.version), name: s.notice.by ?? '—' })
            : t('notifyAdmin.tpl.resetDone')}
        </div>
      ) : null}
      <div className="tpl-work">
        {s.draft ? (
          <TemplateEditor
            key={`${s.event}|${s.locale}|${opened?.version ?? 'default'}|${opened?.updatedAt ?? ''}`}
            readOnly={!mayEdit.ok}
            problems={problems}
          />
        ) : (
          <div />
        )}
        <TemplatePreviewPane />
      </div>
    </div>
  );
}
