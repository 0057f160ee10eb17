import { describe, expect, it } from 'vitest';
import { AT_RISK_HOURS } from '../../../../shared';
import { shortSpan, urgencyOf } from './urgency';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const inHours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

describe('urgency of a queue row', () => {
  it('is late past its deadline, at risk within the window, on time before it', () => {
    expect(urgencyOf({ status: 'sourced', dueAt: inHours(-0.1) }, NOW)).toBe('late');
    expect(urgencyOf({ status: 'received', dueAt: inHours(AT_RISK_HOURS - 0.1) }, NOW)).toBe('atRisk');
    expect(urgencyOf({ status: 'packed', dueAt: inHours(AT_RISK_HOURS + 0.1) }, NOW)).toBe('onTime');
  });

  it('is never late once the order left the planner (shipped, delivered, cancelled) or without a deadline', () => {
    expect(urgencyOf({ status: 'shipped', dueAt: inHours(-5) }, NOW)).toBe('closed');
    expect(urgencyOf({ status: 'cancelled', dueAt: inHours(-5) }, NOW)).toBe('closed');
    expect(urgencyOf({ status: 'sourced', dueAt: null }, NOW)).toBe('closed');
  });

  it('says a span in one short unit, in the desk language', () => {
    expect(shortSpan('en', 45 * 60_000)).toMatch(/^45 mins?$/);
    expect(shortSpan('es', -(3 * 60 + 50) * 60_000)).toBe('3 h');
    expect(shortSpan('en', 50 * 3_600_000)).toBe('2 days');
    expect(shortSpan('es', 50 * 3_600_000)).toBe('2 días');
  });
});
