import { create } from 'zustand';
import type { DeskApi, Disposition, ReceiptOutcome, Return, ReturnLine } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { parseReturnNumber } from './return-words';

/** One line's receipt as the associate records it. */
export interface LineReceipt {
  outcome: ReceiptOutcome;
  quantity: number;
}

/** What the counter cannot do yet, said in the person's words by the view. */
export type CounterProblem = 'badNumber' | 'notFound' | 'location' | 'dispositions' | 'rejectionReasons';

/** Where a found return stands at the counter. */
export type CounterStep = 'receive' | 'inspect' | 'closed' | 'blocked';

export interface CounterState {
  /** What was typed or scanned. */
  text: string;
  /** The number last looked for (for "no return R-…"). */
  asked: number | null;
  found: Return | null;
  locationId: string | null;
  receipt: Record<number, LineReceipt>;
  dispositions: Record<number, Disposition>;
  /** Items the inspector rejects, with the reason typed so far (absent: accepted). */
  rejections: Record<number, string>;
  problem: CounterProblem | null;
  /** The engine's refusal, in its own words (they say what to do). */
  error: string | null;
  busy: boolean;
  textChanged(text: string): void;
  lookedUp(): Promise<boolean>;
  locationChosen(locationId: string | null): void;
  outcomeChanged(lineNo: number, outcome: ReceiptOutcome): void;
  quantityChanged(lineNo: number, quantity: number): void;
  receiveRequested(): Promise<boolean>;
  dispositionChanged(lineNo: number, disposition: Disposition): void;
  rejectionToggled(lineNo: number, rejected: boolean): void;
  rejectionReasonChanged(lineNo: number, reason: string): void;
  inspectRequested(): Promise<boolean>;
  /** Ready for the next parcel (the location stays). */
  cleared(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Everything as it should have been: each line received in full. */
const fullReceipt = (r: Return): Record<number, LineReceipt> =>
  Object.fromEntries(r.lines.map((l) => [l.lineNo, { outcome: 'received' as const, quantity: l.quantity }]));

/** A line's receipt after its outcome changes: missing has no units, received all of them, short fewer. */
export function withOutcome(line: Pick<ReturnLine, 'quantity'>, was: LineReceipt, outcome: ReceiptOutcome): LineReceipt {
  if (outcome === 'missing') return { outcome, quantity: 0 };
  if (outcome === 'received') return { outcome, quantity: line.quantity };
  if (outcome === 'short') return { outcome, quantity: Math.max(0, Math.min(was.quantity, line.quantity - 1)) };
  return { outcome, quantity: was.quantity || line.quantity };
}

/** A line's receipt after its units change: fewer than asked is short, all of them received, none missing. */
export function withQuantity(line: Pick<ReturnLine, 'quantity'>, was: LineReceipt, quantity: number): LineReceipt {
  const q = Math.max(0, Math.min(line.quantity, Math.floor(quantity) || 0));
  if (was.outcome === 'wrong_item') return { outcome: 'wrong_item', quantity: q };
  if (q === 0) return { outcome: 'missing', quantity: 0 };
  return { outcome: q < line.quantity ? 'short' : 'received', quantity: q };
}

/**
 * The returns counter of a store or DC: the return found by its number as typed or scanned
 * (R-1042 or 1042), received line by line — received, missing, a wrong item or short — at the
 * associate's location, then inspected with a disposition per received item, which closes it and
 * shows the refund.
 */
export function createCounterStore(api: Pick<DeskApi, 'call'>) {
  return create<CounterState>()((set, get) => {
    const act = async (work: () => Promise<Return>): Promise<boolean> => {
      if (get().busy) return false;
      set({ busy: true, error: null, problem: null });
      try {
        const found = await work();
        set({ busy: false, found });
        return true;
      } catch (e) {
        set({ busy: false, error: message(e) });
        return false;
      }
    };
    return {
      text: '',
      asked: null,
      found: null,
      locationId: null,
      receipt: {},
      dispositions: {},
      rejections: {},
      problem: null,
      error: null,
      busy: false,
      textChanged: (text) => set({ text, problem: null }),
      async lookedUp() {
        const number = parseReturnNumber(get().text);
        if (number === null) {
          set({ problem: 'badNumber', found: null, error: null });
          return false;
        }
        if (get().busy) return false;
        set({ busy: true, asked: number, problem: null, error: null });
        try {
          const r = await api.call('returns.get', { number });
          if (!r) {
            set({ busy: false, found: null, problem: 'notFound' });
            return false;
          }
          set({ busy: false, found: r.return, receipt: fullReceipt(r.return), dispositions: {}, rejections: {}, text: '' });
          return true;
        } catch (e) {
          set({ busy: false, found: null, error: message(e) });
          return false;
        }
      },
      locationChosen: (locationId) => set({ locationId, problem: get().problem === 'location' ? null : get().problem }),
      outcomeChanged(lineNo, outcome) {
        const line = get().found?.lines.find((l) => l.lineNo === lineNo);
        const was = get().receipt[lineNo];
        if (line && was) set({ receipt: { ...get().receipt, [lineNo]: withOutcome(line, was, outcome) } });
      },
      quantityChanged(lineNo, quantity) {
        const line = get().found?.lines.find((l) => l.lineNo === lineNo);
        const was = get().receipt[lineNo];
        if (line && was) set({ receipt: { ...get().receipt, [lineNo]: withQuantity(line, was, quantity) } });
      },
      receiveRequested() {
        const { found, locationId, receipt } = get();
        if (!found) return Promise.resolve(false);
        if (!locationId) {
          set({ problem: 'location' });
          return Promise.resolve(false);
        }
        const lines = found.lines.map((l) => ({
          lineNo: l.lineNo,
          ...(receipt[l.lineNo] ?? { outcome: 'received' as const, quantity: l.quantity }),
        }));
        return act(() => api.call('returns.receive', { id: found.id, locationId, lines }));
      },
      dispositionChanged: (lineNo, disposition) =>
        set({
          dispositions: { ...get().dispositions, [lineNo]: disposition },
          problem: get().problem === 'dispositions' ? null : get().problem,
        }),
      rejectionToggled(lineNo, rejected) {
        const { [lineNo]: _was, ...rest } = get().rejections;
        set({
          rejections: rejected ? { ...rest, [lineNo]: '' } : rest,
          problem: get().problem === 'rejectionReasons' ? null : get().problem,
        });
      },
      rejectionReasonChanged: (lineNo, reason) =>
        set({
          rejections: { ...get().rejections, [lineNo]: reason },
          problem: get().problem === 'rejectionReasons' ? null : get().problem,
        }),
      inspectRequested() {
        const { found, dispositions, rejections } = get();
        if (!found) return Promise.resolve(false);
        if (selectDispositionsMissing(found, dispositions).length) {
          set({ problem: 'dispositions' });
          return Promise.resolve(false);
        }
        if (selectRejectionReasonsMissing(rejections).length) {
          set({ problem: 'rejectionReasons' });
          return Promise.resolve(false);
        }
        // A missing item has nothing to inspect; one received with no units (short by all) is closed as written off.
        const lines = found.lines
          .filter((l) => l.receiptOutcome && l.receiptOutcome !== 'missing' && !l.disposition)
          .map((l) => ({
            lineNo: l.lineNo,
            disposition: l.received > 0 ? dispositions[l.lineNo]! : ('write_off' as const),
            ...(l.lineNo in rejections ? { accepted: false, rejectionReason: rejections[l.lineNo]!.trim() } : {}),
          }));
        if (!lines.length) return Promise.resolve(false);
        return act(() => api.call('returns.inspect', { id: found.id, lines }));
      },
      cleared: () => set({ text: '', asked: null, found: null, receipt: {}, dispositions: {}, rejections: {}, problem: null, error: null }),
    };
  });
}

/** Where a return stands at the counter: to receive, to inspect, closed, or not for the counter (waiting, rejected…). */
export function selectStep(r: Pick<Return, 'status'>): CounterStep {
  if (r.status === 'approved' || r.status === 'in_transit') return 'receive';
  if (r.status === 'received') return 'inspect';
  if (r.status === 'closed') return 'closed';
  return 'blocked';
}

/** Received lines with units that still need a disposition chosen. */
export const selectDispositionsMissing = (r: Pick<Return, 'lines'>, dispositions: Record<number, Disposition>): number[] =>
  r.lines.filter((l) => l.receiptOutcome && !l.disposition && l.received > 0 && !dispositions[l.lineNo]).map((l) => l.lineNo);

export const useCounterStore = createCounterStore(desk);

/** Rejected items whose reason is still empty. */
export const selectRejectionReasonsMissing = (rejections: Record<number, string>): number[] =>
  Object.entries(rejections)
    .filter(([, reason]) => !reason.trim())
    .map(([lineNo]) => Number(lineNo));
