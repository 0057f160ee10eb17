import { describe, expect, it } from 'vitest';
import { type AppError } from '../../../shared';
import { validateTransitions } from '../lifecycle';
import { RETURN_ITEM_STATES, RETURN_ITEM_TRANSITIONS } from '../../../shared';
import { checkReceipt, inspectionVerdicts } from './return-items';

const line = (
  lineNo: number,
  receiptOutcome: 'received' | 'missing' | 'wrong_item' | 'short' | null,
  acceptance: 'accepted' | 'rejected' | null = null,
) => ({
  lineNo,
  sku: `SKU-${lineNo}`,
  receiptOutcome,
  acceptance,
});

describe('a returned item’s lifecycle', () => {
  it('is a valid transition table from expected', () => {
    expect(() => validateTransitions(RETURN_ITEM_STATES, RETURN_ITEM_TRANSITIONS, 'expected')).not.toThrow();
  });

  it('receives only an expected item', () => {
    expect(() => checkReceipt(7, [line(1, null)], [{ lineNo: 1, outcome: 'short' }])).not.toThrow();
    const e = (() => {
      try {
        checkReceipt(7, [line(1, 'received')], [{ lineNo: 1, outcome: 'received' }]);
      } catch (x) {
        return x as AppError;
      }
    })();
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(e!.message).toBe('return R-7: line 1 (SKU-1) is received: it can become accepted or rejected, not received');
  });

  it('accepts by default, rejects with the reason, always rejects a wrong item', () => {
    const v = inspectionVerdicts(
      7,
      [line(1, 'received'), line(2, 'short'), line(3, 'wrong_item')],
      [
        { lineNo: 1, disposition: 'restock', accepted: true },
        { lineNo: 2, disposition: 'write_off', accepted: false, rejectionReason: 'usado' },
        { lineNo: 3, disposition: 'return_to_vendor', accepted: true },
      ],
    );
    expect(v.map((x) => [x.acceptance, x.rejectionReason])).toEqual([
      ['accepted', null],
      ['rejected', 'usado'],
      ['rejected', 'another item came back instead of this one'],
    ]);
  });

  it('refuses to inspect an item that is missing, not yet received, or inspected already — naming each line', () => {
    expect(() =>
      inspectionVerdicts(
        9,
        [line(1, 'missing'), line(2, null), line(3, 'received', 'accepted')],
        [1, 2, 3].map((lineNo) => ({ lineNo, disposition: 'restock' as const, accepted: true })),
      ),
    ).toThrow(
      'return R-9: line 1 (SKU-1) is missing: nothing came back to inspect; ' +
        'line 2 (SKU-2) is expected: it can become received or short or missing or wrong item, not accepted; ' +
        'line 3 (SKU-3) is accepted: it was accepted already',
    );
  });
});
