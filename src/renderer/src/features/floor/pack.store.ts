import { create } from 'zustand';
import type { DeskApi, FloorRow, Parcel, PrintJob, Product } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { defaultParcels, emptyParcel, moveUnits, parcelProblems, toParcelInputs, withLines, type ParcelDraft } from './parcel-draft';

/** An order just packed here: its parcels (with their codes) and what printed. */
export interface Packed {
  orderId: string;
  number: number;
  parcels: Parcel[];
  printJobs: PrintJob[];
}

export interface PackState {
  /** The product master of the SKUs on the pack bench (weights and boxes). */
  products: Record<string, Product>;
  drafts: Record<string, ParcelDraft[]>;
  busy: Record<string, true>;
  errors: Record<string, string>;
  /** Packed in this session, newest first. */
  packed: Packed[];
  /** Loads the master of SKUs not yet known (the drafts' weights follow it). */
  productsRequested(skus: readonly string[]): Promise<void>;
  /** The order's form: the one-parcel default the first time. */
  draftOpened(row: FloorRow): void;
  parcelAdded(orderId: string): void;
  parcelRemoved(row: FloorRow, index: number): void;
  parcelEdited(orderId: string, index: number, patch: Partial<Pick<ParcelDraft, 'weightKg' | 'lengthCm' | 'widthCm' | 'heightCm'>>): void;
  unitsMoved(orderId: string, index: number, sku: string, quantity: number): void;
  /** Packs the order as the form says (the engine prints the slip and labels). Resolves true when packed. */
  packSubmitted(row: FloorRow, locationId: string | null): Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The pack bench: a picked order's parcels (weight, sides, which units), packed with the engine, and what came out. */
export function createPackStore(api: Pick<DeskApi, 'call'>) {
  return create<PackState>()((set, get) => {
    const setDrafts = (orderId: string, drafts: ParcelDraft[]) => set({ drafts: { ...get().drafts, [orderId]: drafts } });
    return {
      products: {},
      drafts: {},
      busy: {},
      errors: {},
      packed: [],
      async productsRequested(skus) {
        const missing = [...new Set(skus)].filter((s) => !get().products[s]);
        if (!missing.length) return;
        try {
          const list = await api.call('products.list', { skus: missing.slice(0, 500), limit: 500 });
          const products = { ...get().products, ...Object.fromEntries(list.map((p) => [p.sku, p])) };
          // Drafts the packer has not touched follow the master now that it is known.
          const drafts = Object.fromEntries(
            Object.entries(get().drafts).map(([id, ds]) => [id, ds.map((d) => withLines(d, d.lines, products))]),
          );
          set({ products, drafts });
        } catch {
          // Without the master the packer types the weight; the engine still checks it.
        }
      },
      draftOpened(row) {
        if (!get().drafts[row.orderId]) setDrafts(row.orderId, defaultParcels(row.lines, get().products));
      },
      parcelAdded: (orderId) => setDrafts(orderId, [...(get().drafts[orderId] ?? []), emptyParcel()]),
      parcelRemoved(row, index) {
        const drafts = get().drafts[row.orderId] ?? [];
        if (drafts.length <= 1) return;
        // Its units go back to the first parcel left.
        const gone = drafts[index]!;
        const rest = drafts.filter((_, i) => i !== index);
        const first = rest[0]!;
        const lines = { ...first.lines };
        for (const [sku, q] of Object.entries(gone.lines)) lines[sku] = (lines[sku] ?? 0) + q;
        setDrafts(row.orderId, [withLines(first, lines, get().products), ...rest.slice(1)]);
      },
      parcelEdited(orderId, index, patch) {
        const drafts = [...(get().drafts[orderId] ?? [])];
        const d = drafts[index];
        if (!d) return;
        drafts[index] = { ...d, ...patch, weightEdited: d.weightEdited || patch.weightKg !== undefined };
        setDrafts(orderId, drafts);
      },
      unitsMoved(orderId, index, sku, quantity) {
        setDrafts(orderId, moveUnits(get().drafts[orderId] ?? [], index, sku, quantity, get().products));
      },
      async packSubmitted(row, locationId) {
        const id = row.orderId;
        if (get().busy[id]) return false;
        const drafts = get().drafts[id] ?? defaultParcels(row.lines, get().products);
        if (parcelProblems(row.lines, drafts).length) return false;
        set({ busy: { ...get().busy, [id]: true }, errors: omit(get().errors, id) });
        try {
          const r = await api.call('packing.pack', {
            orderId: id,
            ...(locationId ? { locationId } : {}),
            parcels: toParcelInputs(drafts),
          });
          set({
            packed: [{ orderId: id, number: row.number, parcels: r.parcels, printJobs: r.printJobs }, ...get().packed].slice(0, 20),
            drafts: omit(get().drafts, id),
          });
          return true;
        } catch (e) {
          set({ errors: { ...get().errors, [id]: message(e) } });
          return false;
        } finally {
          set({ busy: omit(get().busy, id) });
        }
      },
    };
  });
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** The orders waiting at the pack bench: picked here (the whole order), not yet packed. */
export const selectToPack = (rows: readonly FloorRow[] | undefined): FloorRow[] =>
  (rows ?? []).filter((r) => r.status === 'picked' && r.orderStatus === 'picked');

export const usePackStore = createPackStore(desk);
