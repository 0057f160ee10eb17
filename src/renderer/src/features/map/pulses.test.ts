import { describe, expect, it } from 'vitest';
import { MAX_PULSES, PULSE_MS, recentPulses } from './locations.store';

describe('activity pulses', () => {
  it('draws only the newest pulses still alive, at most MAX_PULSES of them', () => {
    const now = 100_000;
    const activityAt: Record<string, number> = { old: now - PULSE_MS - 1 };
    for (let i = 0; i < MAX_PULSES + 10; i++) activityAt[`loc-${i}`] = now - i;
    const shown = recentPulses(activityAt, now);
    expect(shown).toHaveLength(MAX_PULSES);
    expect(shown[0]).toEqual(['loc-0', now]);
    expect(shown.map(([id]) => id)).not.toContain('old');
    expect(shown.map(([id]) => id)).not.toContain(`loc-${MAX_PULSES}`);
  });
});
