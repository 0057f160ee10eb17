/** Schedules `flush` once, soon; the hub calls it again only after `flush` has run. */
export type FrameScheduler = (flush: () => void) => void;

/**
 * The longest wait for a frame: a hidden window gets no animation frames, and live events must not
 * pile up there while the desk is not looked at (browsers slow this timer to about a second then).
 */
export const FRAME_FALLBACK_MS = 100;

/**
 * Runs `flush` at the next animation frame — before the paint, so what it changes shows in that
 * frame — or after {@link FRAME_FALLBACK_MS} when no frame comes, whichever is first, once.
 */
export function nextFrame(flush: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    flush();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : undefined;
  const timer = setTimeout(run, FRAME_FALLBACK_MS);
}
