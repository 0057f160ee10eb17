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
