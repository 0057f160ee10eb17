import type { TemplatePreview } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { PREVIEW_CHANNELS, smsParts } from './template-draft';
import { useTemplatesStore } from './templates.store';
import './template-preview.css';

/** The rendered e-mail: its subject, the HTML in a frame sandboxed to a unique origin with nothing allowed (no scripts, no requests), the text part. */
function EmailPreview({ p }: { p: TemplatePreview }) {
  const { t } = useT();
  return (
    <>
      <div className="tpl-preview-subject" data-testid="tpl-preview-subject">
        {p.subject}
      </div>
      <iframe
        className="tpl-preview-frame"
        title={t('notifyAdmin.tpl.preview.frame')}
        sandbox=""
        srcDoc={p.html ?? ''}
        data-testid="tpl-preview-frame"
      />
      {p.text ? (
        <details className="tpl-preview-text">
          <summary>{t('notifyAdmin.tpl.preview.text')}</summary>
          <pre data-testid="tpl-preview-text">{p.text}</pre>
        </details>
      ) : null}
    </>
  );
}

function SmsPreview({ p }: { p: TemplatePreview }) {
  const { t, locale } = useT();
  const n = smsParts(p.sms ?? '');
  return (
    <div className="tpl-phone">
      <pre className="tpl-bubble" data-testid="tpl-preview-sms">
        {p.sms}
      </pre>
      <div className="muted small">
        {t('notifyAdmin.tpl.sms.count', { chars: formatNumber(locale, n.chars), parts: formatNumber(locale, n.parts) })}
        {n.unicode ? ` ${t('notifyAdmin.tpl.sms.unicode')}` : ''}
      </div>
    </div>
  );
}

function WhatsAppPreview({ p }: { p: TemplatePreview }) {
  const { t } = useT();
  const w = p.whatsapp;
  if (!w) return null;
  return (
    <div className="tpl-phone" data-testid="tpl-preview-whatsapp">
      <div className="muted small mono">{t('notifyAdmin.tpl.preview.wa', { name: w.name, language: w.language })}</div>
      {w.text ? <pre className="tpl-bubble wa">{w.text}</pre> : null}
      <div className="small">{t('notifyAdmin.tpl.preview.wa.params')}</div>
      <ol className="tpl-wa-params small">
        {w.parameters.map((v, i) => (
          <li key={i}>{v}</li>
        ))}
      </ol>
      {w.button ? <div className="small mono">{t('notifyAdmin.tpl.preview.wa.button', { value: w.button })}</div> : null}
    </div>
  );
}

/**
 * The live preview beside the editor: the unsaved draft rendered by the engine for the channel
 * chosen, with a real order (its number or id; a recent one from the list) or a sample one; the
 * fields that order lacks are named as sample data.
 */
export function TemplatePreviewPane() {
  const { t, locale } = useT();
  const s = useTemplatesStore();
  const store = useTemplatesStore.getState();
  const p = s.preview;
  const stale = s.previewIssues.length > 0;
  return (
    <section className="tpl-preview" data-testid="tpl-preview" aria-label={t('notifyAdmin.tpl.preview')} aria-busy={s.previewing}>
      <div className="tpl-preview-head">
        <h3>{t('notifyAdmin.tpl.preview')}</h3>
        <div className="tpl-channels" role="group" aria-label={t('notifyAdmin.tpl.preview.channel')}>
          {PREVIEW_CHANNELS.map((c) => (
            <button
              key={c}
              type="button"
              className={s.channel === c ? 'on' : undefined}
              aria-pressed={s.channel === c}
              data-testid={`tpl-channel-${c}`}
              onClick={() => store.channelChosen(c)}
            >
              {t(`notify.channel.${c}`)}
            </button>
          ))}
        </div>
        {s.previewing ? <span className="spinner" aria-label={t('notifyAdmin.tpl.preview.updating')} /> : null}
      </div>
      <div className="tpl-order">
        <label htmlFor="tpl-preview-order">{t('notifyAdmin.tpl.preview.order')}</label>
        <input
          id="tpl-preview-order"
          data-testid="tpl-preview-order"
          list="tpl-recent-orders"
          placeholder={t('notifyAdmin.tpl.preview.orderHint')}
          aria-describedby="tpl-order-state"
          value={s.orderText}
          onChange={(e) => store.orderTyped(e.target.value)}
        />
        <datalist id="tpl-recent-orders">
          {s.recentOrders.map((o) => (
            <option key={o.id ?? o.number} value={o.number !== null ? `#${o.number}` : (o.id ?? '')} />
          ))}
        </datalist>
        <span id="tpl-order-state" className="small" data-testid="tpl-preview-order-shown" data-order-number={p?.orderNumber ?? ''}>
          {s.orderProblem ? (
            <span className="field-error" data-testid="tpl-order-problem">
              {t(`notifyAdmin.tpl.order.${s.orderProblem}`)}
            </span>
          ) : p?.orderNumber != null ? (
            t('notifyAdmin.tpl.preview.withOrder', { number: p.orderNumber })
          ) : (
            <span className="muted">{t('notifyAdmin.tpl.preview.sample')}</span>
          )}
        </span>
      </div>
      {p?.sampled.length ? (
        <div className="tpl-sampled small" data-testid="tpl-preview-sampled">
          {t('notifyAdmin.tpl.preview.sampled', { fields: p.sampled.join(', ') })}
        </div>
      ) : null}
      {s.previewError ? (
        <div className="banner error" role="alert" data-testid="tpl-preview-error">
          {t('notifyAdmin.tpl.preview.error', { message: s.previewError })}
        </div>
      ) : null}
      {stale ? (
        <div className="tpl-checking small" role="status" data-testid="tpl-preview-problems">
          {s.previewIssues.length === 1
            ? t('notifyAdmin.tpl.checking.one')
            : t('notifyAdmin.tpl.checking', { n: formatNumber(locale, s.previewIssues.length) })}
        </div>
      ) : null}
      <div className={stale ? 'tpl-preview-body stale' : 'tpl-preview-body'} data-testid="tpl-preview-body" data-channel={p?.channel ?? ''}>
        {!p ? (
          stale ? (
            <p className="muted">{t('notifyAdmin.tpl.preview.none')}</p>
          ) : null
        ) : p.channel === 'email' ? (
          <EmailPreview p={p} />
        ) : p.channel === 'sms' ? (
          <SmsPreview p={p} />
        ) : (
          <WhatsAppPreview p={p} />
        )}
      </div>
    </section>
  );
}
