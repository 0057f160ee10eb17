import { describe, expect, it } from 'vitest';
import { backlogLoad, gradeLocation } from './location-health';

const loc = (over: Partial<Parameters<typeof gradeLocation>[0]> = {}) => ({
  active: true,
  dailyCapacity: 100,
  backlog: 0,
  late: 0,
  stockOuts: 0,
  ...over,
});

describe('location grade', () => {
  it('colours by backlog against daily capacity: 70 % busy, 100 % critical', () => {
    expect(gradeLocation(loc({ backlog: 69 }))).toBe('ok');
    expect(gradeLocation(loc({ backlog: 70 }))).toBe('busy');
    expect(gradeLocation(loc({ backlog: 99 }))).toBe('busy');
    expect(gradeLocation(loc({ backlog: 100 }))).toBe('critical');
    expect(gradeLocation(loc({ dailyCapacity: 0, backlog: 1 }))).toBe('critical');
    expect(gradeLocation(loc({ dailyCapacity: 0 }))).toBe('ok');
  });

  it('makes late orders and stock-outs with demand amber, never red on their own', () => {
    expect(gradeLocation(loc({ late: 1 }))).toBe('busy');
    expect(gradeLocation(loc({ stockOuts: 500 }))).toBe('busy');
    expect(gradeLocation(loc({ backlog: 100, late: 3 }))).toBe('critical');
  });

  it('shows a paused location as paused whatever its numbers', () => {
    expect(gradeLocation(loc({ active: false, backlog: 500 }))).toBe('paused');
  });

  it('measures load as backlog over capacity', () => {
    expect(backlogLoad({ dailyCapacity: 200, backlog: 50 })).toBe(0.25);
    expect(backlogLoad({ dailyCapacity: 0, backlog: 3 })).toBe(Infinity);
  });
});
