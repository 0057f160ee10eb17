import { afterEach, describe, expect, it, vi } from 'vitest';
import { inboxRetryDelayMs } from './inbox-process';
import { batchedEnqueue } from '../inbox-receive';

describe('batchedEnqueue', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the rows received within the wait as one key, in arrival order', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const add = batchedEnqueue(async (key) => sent.push(key), { maxRows: 16, waitMs: 3 });
    add('7');
    add('8');
    add('9');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(3);
    expect(sent).toEqual(['7,8,9']);
    add('10');
    vi.advanceTimersByTime(3);
    expect(sent).toEqual(['7,8,9', '10']);
  });

  it('sends a full batch at once and starts the next', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const add = batchedEnqueue(async (key) => sent.push(key), { maxRows: 3, waitMs: 50 });
    for (const id of ['1', '2', '3', '4']) add(id);
    expect(sent).toEqual(['1,2,3']);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual(['1,2,3', '4']);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
  });
});

describe('inboxRetryDelayMs', () => {
  it('backs off as the queue does: 0.5 s, 1 s, 2 s, 4 s, capped', () => {
    expect([1, 2, 3, 4].map(inboxRetryDelayMs)).toEqual([500, 1000, 2000, 4000]);
    expect(inboxRetryDelayMs(50)).toBe(inboxRetryDelayMs(10));
  });
});
