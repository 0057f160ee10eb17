import { useEffect, useState } from 'react';
import { desk } from '../../api/desk-client';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import { translateOr } from '../../i18n/i18n';
import { describeReason } from '../../i18n/reasons';
import '../intake.css';
import './exceptions.css';
import { ExceptionInboxList } from './exception-inbox-list';
import { useExceptionInboxStore } from './exception-inbox.store';
import { openOrder } from './exception-item-parts';
import { formatBody, selectCanDiscard, selectCanReplay, useExceptionsStore } from './exceptions.store';
import { QuarantineFixForm } from './quarantine-fix-form';

/**
 * The exception inbox: one list of everything that waits for a person (quarantined channel
 * messages, unroutable orders, store rejections, shipping alerts, late orders, failed customer
 * messages, returns to review, failed prints) with SLA timers, "take it" and each kind's one-click
 * action; a quarantined message opens on the right, with a fix form where the fix is known.
 */
export function ExceptionsView() {
  // The list takes the whole width until a quarantined message is opened beside it.
  const open = useExceptionsStore((s) => s.selectedId !== null);
  return (
    <main className={open ? 'intake-view' : 'intake-view single'} data-testid="exceptions-view">
      <div className="exceptions-left">
        <ExceptionInboxList />
      </div>
      {open ? <ExceptionDetail /> : null}
    </main>
  );
}

/** The order a replayed message became, as its number that opens it. */
function ReplayedOrder({ orderId }: { orderId: string }) {
  const { t } = useT();
  const [number, setNumber] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    desk
      .call('orders.get', { id: orderId })
      .then((o) => live && setNumber(o.number))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [orderId]);
  return (
    <p className="small">
      {t('xinbox.replayedAs')}{' '}
      {number === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : (
        <button type="button" className="link" data-testid="exception-order-link" onClick={() => openOrder(orderId)}>
          #{number}
        </button>
      )}
    </p>
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
      useExceptionInboxStore.getState().itemActedOn();
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
        <button
          type="button"
          className="ghost small-btn xinbox-close"
          data-testid="exception-close"
          aria-label={t('xinbox.close')}
          title={t('xinbox.close')}
          onClick={() => useExceptionsStore.getState().rowSelected(null)}
        >
          ×
        </button>
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
      {detail.orderId ? <ReplayedOrder orderId={detail.orderId} /> : null}
      {canReplay ? <QuarantineFixForm key={detail.id} detail={detail} /> : null}
      <details className="intake-block" open={canReplay}>
        <summary>{t('xinbox.fix.advanced')}</summary>
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
      </details>
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
                onClick={() =>
                  void useExceptionsStore
                    .getState()
                    .replayRequested()
                    .then(() => useExceptionInboxStore.getState().itemActedOn())
                }
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
