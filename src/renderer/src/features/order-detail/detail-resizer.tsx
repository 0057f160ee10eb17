import type { KeyboardEvent, PointerEvent } from 'react';
import { useT } from '../../i18n/locale.store';
import { DETAIL_WIDTH, useDetailWidth } from './detail-width';

/**
 * The order panel's left edge: drag it (or focus it and press ← →) to trade queue columns for
 * panel room. Growing the panel to the left narrows the queue, whose key columns stay.
 */
export function DetailResizer() {
  const { t } = useT();
  const width = useDetailWidth((s) => s.width);
  const resized = useDetailWidth((s) => s.resized);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startW = width;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => resized(startW + (startX - ev.clientX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowLeft' ? DETAIL_WIDTH.step : e.key === 'ArrowRight' ? -DETAIL_WIDTH.step : 0;
    if (!delta) return;
    e.preventDefault();
    resized(width + delta);
  };
  return (
    <div
      className="detail-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('queue.resize')}
      aria-valuemin={DETAIL_WIDTH.min}
      aria-valuemax={DETAIL_WIDTH.max}
      aria-valuenow={width}
      tabIndex={0}
      data-testid="detail-resizer"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
