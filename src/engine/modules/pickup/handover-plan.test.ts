import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared';
import { orderOutcome, planHandover, unitsLeft } from './handover-plan';

const pickup = { lines: { A: 3, B: 1 }, collected: { A: 1 } };
const partialOk = { allowPartial: true };
const fails = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('planHandover', () => {
  it('takes everything left when no lines are given and closes the pickup', () => {
    expect(unitsLeft(pickup)).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 1 },
    ]);
    expect(planHandover(pickup, { declineRest: false }, partialOk)).toEqual({
      take: [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ],
      decline: [],
      status: 'collected',
      collected: { A: 3, B: 1 },
    });
  });

  it('a part leaves the pickup partly collected; the same SKU twice is summed', () => {
    const plan = planHandover(
      pickup,
      {
        lines: [
          { sku: 'A', quantity: 1 },
          { sku: 'A', quantity: 1 },
        ],
        declineRest: false,
      },
      partialOk,
    );
    expect(plan).toEqual({ take: [{ sku: 'A', quantity: 2 }], decline: [], status: 'partially_collected', collected: { A: 3 } });
  });

  it('declining the rest closes the pickup with what is not taken declined', () => {
    const plan = planHandover(pickup, { lines: [{ sku: 'A', quantity: 1 }], declineRest: true }, partialOk);
    expect(plan.status).toBe('collected');
    expect(plan.decline).toEqual([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
    ]);
    expect(plan.collected).toEqual({ A: 2 });
  });

  it('taking exactly what is left by lines is a full hand-over', () => {
    const plan = planHandover(
      pickup,
      {
        lines: [
          { sku: 'B', quantity: 1 },
          { sku: 'A', quantity: 2 },
        ],
        declineRest: false,
      },
      { allowPartial: false },
    );
    expect(plan.status).toBe('collected');
    expect(plan.take.map((t) => t.sku)).toEqual(['A', 'B']);
  });

  it('refuses more than is left, a SKU not in the pickup, and a part when the policy wants whole orders', () => {
    const over = fails(() => planHandover(pickup, { lines: [{ sku: 'A', quantity: 3 }], declineRest: false }, partialOk));
    expect(over).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'lines.0.quantity' }] });
    expect(over.message).toBe('only 2 of SKU A are left to hand over (1 of 3 collected already)');
    const twice = fails(() =>
      planHandover(
        pickup,
        {
          lines: [
            { sku: 'B', quantity: 1 },
            { sku: 'B', quantity: 1 },
          ],
          declineRest: false,
        },
        partialOk,
      ),
    );
    expect(twice).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'lines.1.quantity' }] });
    const stranger = fails(() => planHandover(pickup, { lines: [{ sku: 'Z', quantity: 1 }], declineRest: false }, partialOk));
    expect(stranger).toMatchObject({ code: 'VALIDATION_FAILED', message: 'SKU Z is not in this pickup; it holds A, B' });
    const whole = fails(() => planHandover(pickup, { lines: [{ sku: 'A', quantity: 1 }], declineRest: true }, { allowPartial: false }));
    expect(whole.message).toMatch(/handed over whole \(pickup policy\): take all 3 units left/);
  });
});

describe('orderOutcome', () => {
  it('delivers what was taken, cancels when nothing was', () => {
    expect(orderOutcome({ A: 1 })).toBe('delivered');
    expect(orderOutcome({})).toBe('cancelled');
    expect(orderOutcome({ A: 0 })).toBe('cancelled');
  });
});
