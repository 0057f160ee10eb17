import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  it('runs at once, then coalesces a burst into one trailing call', () => {
    let t = 0;
    const scheduled: (() => void)[] = [];
    let calls = 0;
    const f = throttle(
      () => calls++,
      250,
      () => t,
      (g) => scheduled.push(g),
    );
    f();
    expect(calls).toBe(1);
    t = 10;
    f();
    f();
    f();
    expect(calls).toBe(1);
    expect(scheduled).toHaveLength(1);
    t = 250;
    scheduled.shift()!();
    expect(calls).toBe(2);
    t = 600;
    f();
    expect(calls).toBe(3);
  });
});

describe('throttle of a refetch (a function returning a promise)', () => {
  it('keeps one call in flight; a burst during it is one more call after it settles', async () => {
    let t = 0;
    const scheduled: (() => void)[] = [];
    const settles: (() => void)[] = [];
    let calls = 0;
    const f = throttle(
      () => {
        calls++;
        return new Promise<void>((resolve) => settles.push(resolve));
      },
      250,
      () => t,
      (g) => scheduled.push(g),
    );
    f();
    expect(calls).toBe(1);
    t = 1000; // the interval is long past, but the first call has not answered yet
    f();
    f();
    expect(calls).toBe(1);
    expect(scheduled).toHaveLength(0);
    settles.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toBe(2);
    settles.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toBe(2); // nothing more was asked
  });

  it('a call that failed frees the way for the next', async () => {
    let calls = 0;
    let t = 0;
    const f = throttle(
      () => {
        calls++;
        return Promise.reject(new Error('away'));
      },
      250,
      () => t,
    );
    f();
    await Promise.resolve();
    await Promise.resolve();
    t = 300;
    f();
    expect(calls).toBe(2);
  });
});
