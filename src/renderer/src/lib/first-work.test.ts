import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstWork, FIRST_WORK_PATIENCE_MS, firstWorkShown, useFirstWork } from './first-work';

describe('first work first', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => setTimeout(() => f(performance.now()), 16));
    useFirstWork.setState({ shown: false });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('holds what can wait until the first work has been painted, then runs it once', () => {
    const later = vi.fn();
    afterFirstWork(later);
    expect(later).not.toHaveBeenCalled();
    firstWorkShown();
    // Painted first (a frame, then a task), so not yet.
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(later).toHaveBeenCalledTimes(1);
    firstWorkShown();
    vi.advanceTimersByTime(FIRST_WORK_PATIENCE_MS);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('runs at once once the first work is shown, and at the latest after its patience', () => {
    const held = vi.fn();
    afterFirstWork(held);
    vi.advanceTimersByTime(FIRST_WORK_PATIENCE_MS - 1);
    expect(held).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(held).toHaveBeenCalledTimes(1);
    expect(useFirstWork.getState().shown).toBe(true);
    const now = vi.fn();
    afterFirstWork(now);
    expect(now).toHaveBeenCalledTimes(1);
  });

  it('a cancelled wait never runs', () => {
    const cancelled = vi.fn();
    const off = afterFirstWork(cancelled);
    off();
    firstWorkShown();
    vi.advanceTimersByTime(FIRST_WORK_PATIENCE_MS * 2);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
