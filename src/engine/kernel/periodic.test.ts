import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic';

describe('startPeriodic', () => {
  afterEach(() => vi.useRealTimers());

  it('never overlaps passes, logs a failed pass and goes on, and stops', async () => {
    vi.useFakeTimers();
    const warn = vi.fn();
    const log = { info: vi.fn(), warn, error: vi.fn() };
    let calls = 0;
    let release: () => void = () => undefined;
    const loop = startPeriodic(log, 'test loop', 100, async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r)); // a slow first pass
      if (calls === 2) throw new Error('boom');
    });
    await vi.advanceTimersByTimeAsync(350); // three ticks while the first pass still runs
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'test loop pass failed');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(3);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(3);
  });

  it('stop waits for the pass under way (the engine closes its database after it)', async () => {
    vi.useFakeTimers();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    let release: () => void = () => undefined;
    let finished = false;
    const loop = startPeriodic(log, 'test loop', 100, async () => {
      await new Promise<void>((r) => (release = r));
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});
