import { describe, expect, it } from 'vitest';
import { AppError, ORDER_STATUSES, ORDER_TRANSITIONS, RETURN_STATUSES, RETURN_TRANSITIONS } from '../../shared';
import { assertTransition, canTransition, validateLifecycles, validateOrderLifecycle, validateTransitions } from './lifecycle';

describe('order lifecycle', () => {
  it('the shipped table is valid', () => {
    expect(() => validateOrderLifecycle()).not.toThrow();
  });

  it('rejects a table with an unreachable state', () => {
    expect(() => validateTransitions(['a', 'b', 'c'] as const, { a: ['b'], b: [], c: ['a'] }, 'a')).toThrow(/unreachable states.*c/);
  });

  it('rejects a table naming an unknown state', () => {
    expect(() => validateTransitions(['a', 'b'] as const, { a: ['b', 'z' as 'b'], b: [] }, 'a')).toThrow(/unknown state/);
  });

  it('allows the floor steps in order and refuses skipping or going back', () => {
    expect(canTransition('sourced', 'picked')).toBe(true);
    expect(canTransition('sourced', 'shipped')).toBe(false);
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(() => assertTransition('delivered', 'picked')).toThrow(/it is final/);
    try {
      assertTransition('received', 'packed');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('ILLEGAL_TRANSITION');
      expect((e as AppError).message).toContain('allowed next: sourced, unfillable, cancelled');
    }
  });

  it('every non-final state can still reach a final one', () => {
    for (const s of ORDER_STATUSES) {
      const seen = new Set([s]);
      const stack = [s];
      let final = false;
      while (stack.length) {
        const x = stack.pop()!;
        if (ORDER_TRANSITIONS[x].length === 0) final = true;
        for (const t of ORDER_TRANSITIONS[x]) {
          if (!seen.has(t)) {
            seen.add(t);
            stack.push(t);
          }
        }
      }
      expect(final, s).toBe(true);
    }
  });
});

describe('return lifecycle', () => {
  it('is validated with the others when the engine starts', () => {
    expect(() => validateLifecycles()).not.toThrow();
    // Proof that the start-up check would catch a return table that cannot reach a state.
    const broken = { ...RETURN_TRANSITIONS, approved: ['in_transit', 'received', 'cancelled'] } as const;
    expect(() => validateTransitions(RETURN_STATUSES, broken, 'requested')).toThrow(/unreachable states.*expired/);
  });

  it('ends every return in a final state, and only before receipt can it be cancelled', () => {
    const finals = RETURN_STATUSES.filter((s) => RETURN_TRANSITIONS[s].length === 0);
    expect(finals.sort()).toEqual(['cancelled', 'closed', 'expired', 'rejected']);
    const cancellable = RETURN_STATUSES.filter((s) => (RETURN_TRANSITIONS[s] as readonly string[]).includes('cancelled'));
    expect(cancellable).toEqual(['requested', 'approved']);
  });
});
