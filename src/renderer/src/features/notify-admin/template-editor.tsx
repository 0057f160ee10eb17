import { useState, type ReactNode } from 'react';
import { NOTIFICATION_EVENT_FIELDS, type NotificationTemplateInput } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { bodyFields, smsParts, type TemplateIssue, type TemplatePart } from './template-draft';
import { useTemplatesStore } from './templates.store';

/** The engine's problems with one part, under its field (the field points at them with aria-describedby). */
function PartIssues({ part, problems }: { part: TemplatePart | 'other'; problems: TemplateIssue[] }) {
  const mine = problems.filter((p) => p.part === part);
  if (!mine.length) return null;
  return (
    <ul className="field-error tpl-issues" id={`tpl-issues-${part}`} data-testid={`tpl-issues-${part}`}>
      {mine.map((p, i) => (
        <li key={i}>{p.message}</li>
      ))}
    </ul>
  );
}

/** One labelled part of the template, with its problems under it. */
function Part(props: {
  part: TemplatePart;
  label: string;
  htmlFor: string;
  problems: TemplateIssue[];
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="tpl-part" data-invalid={props.problems.some((p) => p.part === props.part) || undefined}>
      <div className="tpl-part-head">
        <label htmlFor={props.htmlFor}>{props.label}</label>
        {props.extra}
      </div>
      {props.children}
      <PartIssues part={props.part} problems={props.problems} />
    </div>
  );
}

/**
 * The draft's parts: subject, MJML and plain text of the e-mail, the SMS, and the WhatsApp mapping
 * (the approved template's name and language, the fields of its {{1}}, {{2}}…, its button, its
 * text). Every change goes to the store, which re-renders the preview once typing pauses.
 */
export function TemplateEditor({ readOnly, problems }: { readOnly: boolean; problems: TemplateIssue[] }) {
  const { t, locale } = useT();
  const draft = useTemplatesStore((s) => s.draft)!;
  const event = useTemplatesStore((s) => s.event);
  const set = (next: NotificationTemplateInput) => useTemplatesStore.getState().draftChanged(next);
  const email = (patch: Partial<NotificationTemplateInput['email']>) => set({ ...draft, email: { ...draft.email, ...patch } });
  const wa = (patch: Partial<NotificationTemplateInput['whatsapp']>) => set({ ...draft, whatsapp: { ...draft.whatsapp, ...patch } });
  // The body mapping as typed ("orderNumber, "), so a comma can be written before the next field.
  const [body, setBody] = useState(draft.whatsapp.body.join(', '));
  const [button, setButton] = useState(draft.whatsapp.button?.field ?? '');
  const sms = smsParts(draft.sms);
  const fields = NOTIFICATION_EVENT_FIELDS[event];
  const described = (part: TemplatePart) =>
    problems.some((p) => p.part === part) ? { 'aria-invalid': true, 'aria-describedby': `tpl-issues-${part}` } : {};
  return (
    <form className="tpl-editor" data-testid="tpl-editor" aria-label={t('notifyAdmin.tab.templates')} onSubmit={(e) => e.preventDefault()}>
      <details className="tpl-fields">
        <summary>
          {t('notifyAdmin.tpl.fields')} ({formatNumber(locale, fields.required.length + fields.optional.length)})
        </summary>
        <p className="muted small">{t('notifyAdmin.tpl.fields.hint')}</p>
        <div className="tpl-field-tags">
          {fields.required.map((f) => (
            <code key={f} className="tpl-tag">{`{{${f}}}`}</code>
          ))}
          {fields.optional.map((f) => (
            <code key={f} className="tpl-tag optional">{`{{${f}}}`}</code>
          ))}
        </div>
      </details>
      <PartIssues part="other" problems={problems} />
      <Part part="email.subject" label={t('notifyAdmin.tpl.part.email.subject')} htmlFor="tpl-subject" problems={problems}>
        <input
          id="tpl-subject"
          data-testid="tpl-subject"
          maxLength={500}
          readOnly={readOnly}
          value={draft.email.subject}
          onChange={(e) => email({ subject: e.target.value })}
          {...described('email.subject')}
        />
      </Part>
      <Part part="email.mjml" label={t('notifyAdmin.tpl.part.email.mjml')} htmlFor="tpl-mjml" problems={problems}>
        <textarea
          id="tpl-mjml"
          data-testid="tpl-mjml"
          className="mono"
          rows={12}
          spellCheck={false}
          readOnly={readOnly}
          value={draft.email.mjml}
          onChange={(e) => email({ mjml: e.target.value })}
          {...described('email.mjml')}
        />
      </Part>
      <Part part="email.text" label={t('notifyAdmin.tpl.part.email.text')} htmlFor="tpl-text" problems={problems}>
        <textarea
          id="tpl-text"
          data-testid="tpl-text"
          rows={5}
          readOnly={readOnly}
          value={draft.email.text}
          onChange={(e) => email({ text: e.target.value })}
          {...described('email.text')}
        />
      </Part>
      <Part
        part="sms"
        label={t('notifyAdmin.tpl.part.sms')}
        htmlFor="tpl-sms"
        problems={problems}
        extra={
          <span className="muted small" data-testid="tpl-sms-count">
            {t('notifyAdmin.tpl.sms.count', { chars: formatNumber(locale, sms.chars), parts: formatNumber(locale, sms.parts) })}
            {sms.unicode ? ` ${t('notifyAdmin.tpl.sms.unicode')}` : ''}
          </span>
        }
      >
        <textarea
          id="tpl-sms"
          data-testid="tpl-sms"
          rows={3}
          maxLength={2000}
          readOnly={readOnly}
          value={draft.sms}
          onChange={(e) => set({ ...draft, sms: e.target.value })}
          {...described('sms')}
        />
      </Part>
      <fieldset
        className="tpl-part tpl-wa"
        data-testid="tpl-whatsapp"
        aria-describedby={problems.some((p) => p.part === 'whatsapp') ? 'tpl-issues-whatsapp' : undefined}
      >
        <legend>{t('notifyAdmin.tpl.part.whatsapp')}</legend>
        <div className="tpl-wa-grid">
          <label htmlFor="tpl-wa-name">{t('notifyAdmin.tpl.wa.name')}</label>
          <input
            id="tpl-wa-name"
            className="mono"
            readOnly={readOnly}
            value={draft.whatsapp.name}
            onChange={(e) => wa({ name: e.target.value })}
          />
          <label htmlFor="tpl-wa-language">{t('notifyAdmin.tpl.wa.language')}</label>
          <input
            id="tpl-wa-language"
            className="mono"
            readOnly={readOnly}
            value={draft.whatsapp.language}
            onChange={(e) => wa({ language: e.target.value })}
          />
          <label htmlFor="tpl-wa-body">{t('notifyAdmin.tpl.wa.body')}</label>
          <input
            id="tpl-wa-body"
            data-testid="tpl-wa-body"
            className="mono"
            readOnly={readOnly}
            placeholder={t('notifyAdmin.tpl.wa.bodyHint')}
            title={t('notifyAdmin.tpl.wa.bodyHint')}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              wa({ body: bodyFields(e.target.value) });
            }}
          />
          <label htmlFor="tpl-wa-button">{t('notifyAdmin.tpl.wa.button')}</label>
          <input
            id="tpl-wa-button"
            className="mono"
            readOnly={readOnly}
            placeholder={t('notifyAdmin.tpl.wa.buttonHint')}
            value={button}
            onChange={(e) => {
              setButton(e.target.value);
              const field = e.target.value.trim();
              const { button: _old, ...rest } = draft.whatsapp;
              set({ ...draft, whatsapp: field ? { ...rest, button: { ...draft.whatsapp.button, field } } : rest });
            }}
          />
          <label htmlFor="tpl-wa-text">{t('notifyAdmin.tpl.wa.text')}</label>
          <textarea
            id="tpl-wa-text"
            rows={3}
            readOnly={readOnly}
            value={draft.whatsapp.text ?? ''}
            onChange={(e) => {
              const { text: _old, ...rest } = draft.whatsapp;
              set({ ...draft, whatsapp: e.target.value ? { ...rest, text: e.target.value } : rest });
            }}
          />
        </div>
        <PartIssues part="whatsapp" problems={problems} />
      </fieldset>
    </form>
  );
}
