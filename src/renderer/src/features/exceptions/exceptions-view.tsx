import { useEffect, useState } from 'react';
import { INBOX_STATUSES } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import { translateOr } from '../../i18n/i18n';
import { describeReason } from '../../i18n/reasons';
import '../intake.css';
import './exceptions.css';
import { FailedMessagesSection } from './failed-messages-section';
import { ShippingAlertsSection } from './shipping-alerts-section';
import { formatBody, OPEN_STATUSES, selectCanDiscard, selectCanReplay, useExceptionsStore } from './exceptions.store';

/** The exception inbox: what channels sent that could not become an order (fix-and-replay, discard), the shipments that need a person, and the messages that did not reach a customer. */
export function ExceptionsView() {
  const { t, locale } = useT();
  const { rows, status, loading, error, selectedId } = useExceptionsStore();
  useEffect(() => useExceptionsStore.getState().refreshRequested(), []);
  const open = status.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => status.includes(s));
  return (
    <main className="intake-view" data-testid="exceptions-view">
      <div className="exceptions-left">
        <section className="panel intake-list">
          <div className="panel-head">
            <h2>{t('exceptions.title')}</h2>
            {loading ? <span className="spinner" aria-hidden="true" /> : null}
            <div className="intake-filter">
              <button
                type="button"
                className={open ? 'chip active' : 'chip'}
                aria-pressed={open}
                data-testid="exceptions-filter-open"
                onClick={() => useExceptionsStore.getState().statusFilterChanged([...OPEN_STATUSES])}
              >
                {t('exceptions.filter.open')}
              </button>
              <button
                type="button"
                className={!open ? 'chip active' : 'chip'}
                aria-pressed={!open}
                data-testid="exceptions-filter-all"
                onClick={() => useExceptionsStore.getState().statusFilterChanged([...INBOX_STATUSES])}
              >
                {t('exceptions.filter.all')}
              </button>
            </div>
          </div>
          {error ? (
            <div className="banner error" role="alert">
              {t('exceptions.error', { message: error })}
              <button type="button" onClick={() => useExceptionsStore.getState().refreshRequested()}>
                {t('exceptions.retry')}
              </button>
            </div>
          ) : null}
          {rows.length === 0 && !loading ? <p className="muted intake-empty">{t('exceptions.empty')}</p> : null}
          <table className="intake-table" data-testid="exceptions-table">
            <thead>
              <tr>
                <th>{t('exceptions.col.received')}</th>
                <th>{t('exceptions.col.channel')}</th>
                <th>{t('exceptions.col.topic')}</th>
                <th>{t('exceptions.col.status')}</th>
                <th>{t('exceptions.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  className={r.id === selectedId ? 'selected' : undefined}
                  data-testid="exception-row"
                  data-inbox-id={r.id}
                  onClick={() => useExceptionsStore.getState().rowSelected(r.id)}
                >
                  <td>
                    <RelativeTime iso={r.receivedAt} />
                  </td>
                  <td>{r.channelName ?? t('exceptions.noChannel')}</td>
                  <td className="mono">{r.topic}</td>
                  <td>
                    <span className={`inbox-status ${r.status}`}>{t(`inbox.status.${r.status}`)}</span>
                  </td>
                  <td className="ellipsis" title={r.reason ? describeReason(locale, r.reason, ['intake']) : ''}>
                    {r.reason ? describeReason(locale, r.reason, ['intake']) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <ShippingAlertsSection />
        <FailedMessagesSection />
      </div>
      <ExceptionDetail />
    </main>
  );
}

function ExceptionDetail() {
  const { t, locale } = useT();
  const { detail, draftBody, busy, actionError } = useExceptionsStore();
  const canReplay = selectCanReplay({ detail });
  const canDiscard = selectCanDiscard({ detail });
  const [discarding, setDiscarding] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  if (!detail) {
    return (
      <section className="panel intake-detail">
        <p className="muted">{t('exceptions.select')}</p>
      </section>
    );
  }
  const edited = draftBody !== detail.body;
  const discard = async () => {
    setTouched(true);
    if (reason.trim().length < 3) return;
    if (await useExceptionsStore.getState().discardRequested(reason.trim())) {
      setDiscarding(false);
      setReason('');
      setTouched(false);
    }
  };
  return (
    <section className="panel intake-detail" data-testid="exception-detail">
      <div className="panel-head">
        <h2>
          #{detail.id} · <span className={`inbox-status ${detail.status}`}>{t(`inbox.status.${detail.status}`)}</span>
        </h2>
      </div>
      {detail.reason ? (
        <div className="intake-block">
          <h3>{t('exceptions.reason')}</h3>
          <p data-testid="exception-reason">{describeReason(locale, detail.reason, ['intake'])}</p>
        </div>
      ) : null}
      {detail.issues.length ? (
        <div className="intake-block">
          <h3>{t('exceptions.issues')}</h3>
          <ul className="issues">
            {detail.issues.map((i) => (
              <li key={i.path}>
                <code>{i.path}</code> — {describeReason(locale, i.message, ['intake'])}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {detail.orderId ? (
        <p className="small">
          {t('exceptions.order')}: <code>{detail.orderId}</code>
        </p>
      ) : null}
      <div className="intake-block">
        <label htmlFor="exception-body">
          <h3>{t('exceptions.body')}</h3>
        </label>
        <textarea
          id="exception-body"
          className="mono payload"
          data-testid="exception-body"
          rows={14}
          spellCheck={false}
          value={edited ? draftBody : formatBody(detail.body)}
          readOnly={!canReplay}
          onChange={(e) => useExceptionsStore.getState().bodyEdited(e.target.value)}
        />
      </div>
      {detail.originalBody ? (
        <details className="intake-block">
          <summary>{t('exceptions.original')}</summary>
          <pre className="mono payload">{formatBody(detail.originalBody)}</pre>
        </details>
      ) : null}
      {canReplay || canDiscard ? (
        !discarding ? (
          <div className="action-row">
            {canReplay ? (
              <button
                type="button"
                className="primary"
                data-testid="exception-replay"
                disabled={busy}
                onClick={() => void useExceptionsStore.getState().replayRequested()}
              >
                {busy ? t('exceptions.working') : edited ? t('exceptions.replayEdited') : t('exceptions.replay')}
              </button>
            ) : null}
            <button
              type="button"
              className="danger ghost"
              data-testid="exception-discard"
              disabled={busy}
              onClick={() => setDiscarding(true)}
            >
              {t('exceptions.discard')}
            </button>
          </div>
        ) : (
          <form
            className="cancel-form"
            onSubmit={(e) => {
              e.preventDefault();
              void discard();
            }}
          >
            <label htmlFor="discard-reason">{t('exceptions.discard.reason')}</label>
            <textarea
              id="discard-reason"
              data-testid="discard-reason"
              value={reason}
              maxLength={500}
              rows={2}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={touched && reason.trim().length < 3}
            />
            {touched && reason.trim().length < 3 ? <div className="field-error">{t('exceptions.discard.required')}</div> : null}
            <div className="action-row">
              <button type="submit" className="danger" data-testid="discard-confirm" disabled={busy}>
                {busy ? t('exceptions.working') : t('exceptions.discard.confirm')}
              </button>
              <button type="button" className="ghost" disabled={busy} onClick={() => setDiscarding(false)}>
                {t('exceptions.back')}
              </button>
            </div>
          </form>
        )
      ) : null}
      {actionError ? (
        <div className="banner error" role="alert" data-testid="exception-error">
          {actionError}
        </div>
      ) : null}
      <details className="intake-block">
        <summary>{t('exceptions.headers')}</summary>
        <pre className="mono payload">
          {Object.entries(detail.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}
        </pre>
      </details>
      <div className="intake-block">
        <h3>{t('exceptions.history')}</h3>
        <ol className="intake-history">
          {detail.history.map((h, i) => (
            <li key={i}>
              <RelativeTime iso={h.at} /> · <strong>{t(`exceptions.history.${h.action}`)}</strong> ·{' '}
              {translateOr(locale, `exceptions.actor.${h.actor}`, h.actor)}
              {h.note ? ` — ${describeReason(locale, h.note, ['intake'])}` : ''}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
