import { describe, expect, it } from 'vitest';
import { afterCrash } from './restart-policy';

describe('restarting a crashed engine', () => {
  it('restarts with a delay that doubles with each recent crash, up to a ceiling', () => {
    let crashes: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = afterCrash(crashes, 1_000 + i);
      expect(d.restart).toBe(true);
      if (d.restart) delays.push(d.delayMs);
      crashes = d.recentCrashes;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });
  it('gives up on a crash loop', () => {
    expect(afterCrash([1, 2, 3, 4, 5], 6).restart).toBe(false);
  });
  it('forgets crashes older than the window', () => {
    const d = afterCrash([0, 1, 2, 3, 4], 120_000);
    expect(d).toEqual({ restart: true, delayMs: 1_000, recentCrashes: [120_000] });
  });
});
