import { describe, expect, it } from 'vitest';
import { SHIPMENT_FINAL, SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS } from '../../../shared';
import { isWayBack, judgeEvent, progressRank, replayEvents } from './shipment-progress';

const t = (iso: string) => new Date(`2026-06-12T${iso}:00Z`);

describe('judging a tracking event', () => {
  it('applies a newer event whose move the table allows', () => {
    expect(judgeEvent({ status: 'ready', lastAppliedAt: t('10:00') }, { status: 'in_transit', occurredAt: t('11:00') })).toEqual({
      apply: true,
    });
    // No event applied yet (a fresh label): any time is fine.
    expect(judgeEvent({ status: 'manifested', lastAppliedAt: null }, { status: 'in_transit', occurredAt: t('01:00') })).toEqual({
      apply: true,
    });
    // The same instant is not older (carriers stamp to the minute: out for delivery and delivered can share one).
    expect(judgeEvent({ status: 'out_for_delivery', lastAppliedAt: t('10:00') }, { status: 'delivered', occurredAt: t('10:00') })).toEqual({
      apply: true,
    });
  });

  it('keeps but does not apply unknown, older, same, disallowed and after-final events', () => {
    const cur = { status: 'in_transit' as const, lastAppliedAt: t('10:00') };
    expect(judgeEvent(cur, { status: null, occurredAt: t('11:00') })).toEqual({ apply: false, why: 'unknown_status' });
    expect(judgeEvent(cur, { status: 'out_for_delivery', occurredAt: t('09:59') })).toEqual({ apply: false, why: 'older' });
    expect(judgeEvent(cur, { status: 'in_transit', occurredAt: t('11:00') })).toEqual({ apply: false, why: 'same' });
    expect(judgeEvent(cur, { status: 'ready', occurredAt: t('11:00') })).toEqual({ apply: false, why: 'not_allowed' });
    expect(judgeEvent(cur, { status: 'cancelled', occurredAt: t('11:00') })).toEqual({ apply: false, why: 'not_allowed' });
    for (const fin of SHIPMENT_FINAL) {
      expect(judgeEvent({ status: fin, lastAppliedAt: t('10:00') }, { status: 'in_transit', occurredAt: t('12:00') })).toEqual({
        apply: false,
        why: 'final',
      });
    }
  });

  it('lets a failed attempt go out for delivery again, and an exception resolve', () => {
    expect(
      judgeEvent({ status: 'attempt_failed', lastAppliedAt: t('10:00') }, { status: 'out_for_delivery', occurredAt: t('11:00') }).apply,
    ).toBe(true);
    expect(judgeEvent({ status: 'exception', lastAppliedAt: t('10:00') }, { status: 'in_transit', occurredAt: t('11:00') }).apply).toBe(
      true,
    );
  });
});

describe('progress rank', () => {
  it('never drops along an allowed move except the ways back', () => {
    const lowering: string[] = [];
    for (const from of SHIPMENT_STATUSES) {
      for (const to of SHIPMENT_TRANSITIONS[from]) {
        if (progressRank(to) < progressRank(from)) lowering.push(`${from}→${to}`);
      }
    }
    // The only lowering move in the table is an exception resolving back into transit.
    expect(lowering).toEqual(['exception→in_transit']);
    expect(lowering.every((m) => isWayBack(...(m.split('→') as [never, never])))).toBe(true);
  });

  it('puts the journey in order and the final statuses last', () => {
    const r = progressRank;
    expect(r('draft')).toBeLessThan(r('ready'));
    expect(r('ready')).toBeLessThan(r('manifested'));
    expect(r('manifested')).toBeLessThan(r('in_transit'));
    expect(r('in_transit')).toBeLessThan(r('out_for_delivery'));
    expect(r('out_for_delivery')).toBeLessThan(r('delivered'));
    const top = Math.max(...SHIPMENT_STATUSES.map(r));
    for (const fin of SHIPMENT_FINAL) expect(r(fin)).toBe(top);
  });

  it('names only real table moves as ways back', () => {
    expect(isWayBack('attempt_failed', 'out_for_delivery')).toBe(true);
    expect(isWayBack('exception', 'in_transit')).toBe(true);
    expect(isWayBack('out_for_delivery', 'in_transit')).toBe(false);
    expect(isWayBack('exception', 'ready')).toBe(false);
  });
});

describe('replaying events', () => {
  it('applies events in the order they happened, whatever order they arrived in', () => {
    const events = [
      { status: 'returned' as const, occurredAt: t('14:00') },
      { status: 'in_transit' as const, occurredAt: t('11:00') },
      { status: null, occurredAt: t('12:00') },
      { status: 'in_transit' as const, occurredAt: t('11:00') },
    ];
    const r = replayEvents({ status: 'ready', lastAppliedAt: null }, events);
    expect(r.status).toBe('returned');
    expect(r.lastAppliedAt).toEqual(t('14:00'));
    // The duplicate in_transit is the same status: not applied twice.
    expect(r.applied).toEqual([true, true, false, false]);
  });

  it('keeps the start when nothing applies', () => {
    const r = replayEvents({ status: 'delivered', lastAppliedAt: t('09:00') }, [{ status: 'in_transit', occurredAt: t('10:00') }]);
    expect(r).toEqual({ status: 'delivered', lastAppliedAt: t('09:00'), applied: [false] });
  });
});
