import { describe, expect, it } from 'vitest';
import { AppError, type Return, type ReturnRefusal } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aReturn, aReturnSettings, aWaitingReturn, RETURN_1, RETURN_2 } from '../../test-support/returns-fixtures';
import { createApprovalsStore, selectOverdue, selectSelectedIds } from './approvals.store';

/**
 * An engine with two returns waiting (R-1042 worth 50 000, R-1043 worth 300 000) and a planner
 * whose approval limit is 200 000: approving both decides the first and refuses the second.
 */
function approvalsDesk() {
  let returns: Return[] = [
    aWaitingReturn(),
    aWaitingReturn({ id: RETURN_2, number: 1043, value: 300_000, dueAt: '2026-03-05T10:00:00Z' }),
    aReturn({ id: '33333333-3333-4333-8333-333333333333', number: 1041, status: 'closed', refundedAmount: 25_000 }),
  ];
  return fakeDesk({
    'returns.settings': () => aReturnSettings(),
    'returns.list': (input) => (input?.review ? returns.filter((r) => r.status === 'requested') : returns),
    'returns.decide': ({ ids, decision, reason }) => {
      const decided: Return[] = [];
      const refused: ReturnRefusal[] = [];
      for (const id of ids) {
        const r = returns.find((x) => x.id === id)!;
        if (decision === 'approve' && r.value > 200_000) {
          refused.push({
            id,
            code: 'above_limit',
            params: { value: r.value, limit: 200_000 },
            reason: `return R-${r.number} is worth ${r.value} ARS, above your approval limit of 200000: a supervisor approves it`,
          });
          continue;
        }
        const after = {
          ...r,
          status: decision === 'approve' ? ('approved' as const) : ('rejected' as const),
          decisionReason: reason ?? null,
        };
        returns = returns.map((x) => (x.id === id ? after : x));
        decided.push(after);
      }
      return { decided, refused };
    },
  });
}

describe('return approvals', () => {
  it('loads the queue (waiting only), the recent returns (any status) and the reasons list (once)', async () => {
    const api = approvalsDesk();
    const store = createApprovalsStore(api);
    await store.getState().refreshRequested();
    expect(store.getState().queue.map((r) => r.number)).toEqual([1042, 1043]);
    expect(store.getState().recent.map((r) => r.number)).toEqual([1042, 1043, 1041]);
    expect(api.inputsOf('returns.list')).toEqual([
      { review: true, limit: 500 },
      { review: false, limit: 100 },
    ]);
    await store.getState().refreshRequested();
    expect(api.endpoints().filter((e) => e === 'returns.settings')).toHaveLength(1);
    expect(store.getState().settings?.reasons.map((r) => r.code)).toContain('wrong_size');
  });

  it('chooses rows one by one or all at once', async () => {
    const store = createApprovalsStore(approvalsDesk());
    await store.getState().refreshRequested();
    store.getState().rowToggled(RETURN_2);
    expect(selectSelectedIds(store.getState())).toEqual([RETURN_2]);
    store.getState().allToggled();
    expect(selectSelectedIds(store.getState())).toEqual([RETURN_1, RETURN_2]);
    store.getState().allToggled();
    expect(selectSelectedIds(store.getState())).toEqual([]);
  });

  it('a reject needs a reason: nothing is sent without one', async () => {
    const api = approvalsDesk();
    const store = createApprovalsStore(api);
    await store.getState().refreshRequested();
    store.getState().rowToggled(RETURN_1);
    store.getState().decisionStarted('reject');
    expect(await store.getState().decisionConfirmed()).toBe(false);
    expect(store.getState().reasonMissing).toBe(true);
    expect(api.inputsOf('returns.decide')).toEqual([]);
    store.getState().reasonChanged('  fotos con uso  ');
    expect(store.getState().reasonMissing).toBe(false);
    expect(await store.getState().decisionConfirmed()).toBe(true);
    expect(api.inputsOf('returns.decide')).toEqual([{ ids: [RETURN_1], decision: 'reject', reason: 'fotos con uso' }]);
    expect(store.getState()).toMatchObject({ deciding: null, reason: '', decided: { decision: 'reject', numbers: [1042] } });
    expect(store.getState().queue.map((r) => r.number)).toEqual([1043]);
  });

  it('a bulk approve decides what it may and keeps each refusal beside its row (still chosen)', async () => {
    const api = approvalsDesk();
    const store = createApprovalsStore(api);
    await store.getState().refreshRequested();
    store.getState().allToggled();
    store.getState().decisionStarted('approve');
    expect(await store.getState().decisionConfirmed()).toBe(true);
    expect(api.inputsOf('returns.decide')).toEqual([{ ids: [RETURN_1, RETURN_2], decision: 'approve' }]);
    expect(store.getState().decided).toEqual({ decision: 'approve', numbers: [1042] });
    expect(store.getState().queue.map((r) => r.number)).toEqual([1043]);
    expect(store.getState().refused[RETURN_2]).toMatchObject({ code: 'above_limit', params: { limit: 200_000 } });
    expect(selectSelectedIds(store.getState())).toEqual([RETURN_2]);
    expect(store.getState().recent.find((r) => r.id === RETURN_1)?.status).toBe('approved');
  });

  it('a refusal of the whole decision is kept in the engine’s words, and the rows stay chosen', async () => {
    const store = createApprovalsStore(
      fakeDesk({
        'returns.list': () => [aWaitingReturn()],
        'returns.settings': () => aReturnSettings(),
        'returns.decide': () => {
          throw new AppError('FORBIDDEN', 'planners may not do that');
        },
      }),
    );
    await store.getState().refreshRequested();
    store.getState().rowToggled(RETURN_1);
    store.getState().decisionStarted('approve');
    expect(await store.getState().decisionConfirmed()).toBe(false);
    expect(store.getState()).toMatchObject({ decideError: 'planners may not do that', busy: false, deciding: 'approve' });
    expect(selectSelectedIds(store.getState())).toEqual([RETURN_1]);
  });

  it('a return past its due time is overdue', () => {
    const now = Date.parse('2026-03-04T12:00:00Z');
    expect(selectOverdue({ dueAt: '2026-03-04T10:00:00Z' }, now)).toBe(true);
    expect(selectOverdue({ dueAt: '2026-03-05T10:00:00Z' }, now)).toBe(false);
    expect(selectOverdue({ dueAt: null }, now)).toBe(false);
  });
});
