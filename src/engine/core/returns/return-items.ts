import {
  AppError,
  RETURN_ITEM_TRANSITIONS,
  returnItemState,
  type InspectLine,
  type ReceiptOutcome,
  type ReturnItemState,
  type ReturnLine,
} from '../../../shared';

type Line = Pick<ReturnLine, 'lineNo' | 'sku' | 'receiptOutcome' | 'acceptance'>;

/** What an inspection does to one item: its disposition, and accepted or rejected (a wrong item always rejected). */
export interface ItemVerdict {
  lineNo: number;
  disposition: InspectLine['disposition'];
  acceptance: 'accepted' | 'rejected';
  rejectionReason: string | null;
}

const WRONG_ITEM_REASON = 'another item came back instead of this one';

function refuse(returnNumber: number, bad: { lineNo: number; sku: string; from: ReturnItemState; to: ReturnItemState }[]): never {
  const why = (b: (typeof bad)[number]) =>
    `line ${b.lineNo} (${b.sku}) is ${b.from.replaceAll('_', ' ')}` +
    (RETURN_ITEM_TRANSITIONS[b.from].length
      ? `: it can become ${RETURN_ITEM_TRANSITIONS[b.from].join(' or ').replaceAll('_', ' ')}, not ${b.to.replaceAll('_', ' ')}`
      : b.from === 'missing'
        ? ': nothing came back to inspect'
        : `: it was ${b.from} already`);
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `return R-${returnNumber}: ${bad.map(why).join('; ')}`,
    bad.map((b) => ({ path: 'lines', message: why(b) })),
  );
}

/** Checks each item may take its receipt outcome (only an expected item is received); throws ILLEGAL_TRANSITION naming the lines. */
export function checkReceipt(
  returnNumber: number,
  lines: readonly Line[],
  receipt: readonly { lineNo: number; outcome: ReceiptOutcome }[],
): void {
  const bad = receipt.flatMap((x) => {
    const l = lines.find((y) => y.lineNo === x.lineNo)!;
    const from = returnItemState(l);
    return (RETURN_ITEM_TRANSITIONS[from] as readonly ReturnItemState[]).includes(x.outcome)
      ? []
      : [{ lineNo: l.lineNo, sku: l.sku, from, to: x.outcome }];
  });
  if (bad.length) refuse(returnNumber, bad);
}

/**
 * The inspection's verdict per item, checked against the item lifecycle: only an item that came
 * back (received, short, a wrong item) is inspected, once; a wrong item is rejected whatever was asked.
 */
export function inspectionVerdicts(returnNumber: number, lines: readonly Line[], inspection: readonly InspectLine[]): ItemVerdict[] {
  const verdicts = inspection.map((x): ItemVerdict & { from: ReturnItemState; sku: string } => {
    const l = lines.find((y) => y.lineNo === x.lineNo)!;
    const wrong = l.receiptOutcome === 'wrong_item';
    const accepted = x.accepted && !wrong;
    return {
      lineNo: x.lineNo,
      sku: l.sku,
      from: returnItemState(l),
      disposition: x.disposition,
      acceptance: accepted ? 'accepted' : 'rejected',
      rejectionReason: accepted ? null : (x.rejectionReason ?? (wrong ? WRONG_ITEM_REASON : null)),
    };
  });
  const bad = verdicts.filter((v) => !(RETURN_ITEM_TRANSITIONS[v.from] as readonly ReturnItemState[]).includes(v.acceptance));
  if (bad.length)
    refuse(
      returnNumber,
      bad.map((b) => ({ lineNo: b.lineNo, sku: b.sku, from: b.from, to: b.acceptance })),
    );
  return verdicts.map(({ lineNo, disposition, acceptance, rejectionReason }) => ({ lineNo, disposition, acceptance, rejectionReason }));
}
