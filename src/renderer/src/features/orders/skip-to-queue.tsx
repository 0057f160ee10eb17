import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/locale.store';
import { focusQueueRow } from './queue-focus';

/**
 * "Skip to the order queue": the first thing Tab reaches on the page (it is placed first in the
 * body, before the header and the map), hidden until focused. On the tower's first showing, when
 * nothing has focus yet, the queue takes it at once.
 */
export function SkipToQueue() {
  const { t } = useT();
  const [host] = useState(() => document.createElement('div'));
  useEffect(() => {
    document.body.prepend(host);
    return () => host.remove();
  }, [host]);
  return createPortal(
    <a
      href="#order-queue"
      className="skip-link"
      data-testid="skip-to-queue"
      onClick={(e) => {
        e.preventDefault();
        if (!focusQueueRow()) document.getElementById('order-queue')?.focus();
      }}
    >
      {t('queue.skip')}
    </a>,
    host,
  );
}

/** Focuses the queue's first row once it has rows, if focus is still nowhere (the page just opened). */
export function useFirstFocusOnQueue(hasRows: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !hasRows) return;
    done.current = true;
    if (document.activeElement === document.body || document.activeElement === null) focusQueueRow();
  }, [hasRows]);
}
