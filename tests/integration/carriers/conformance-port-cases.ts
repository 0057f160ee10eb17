import { expect } from 'vitest';
import { BranchSchema, SHIPMENT_STATUSES } from '../../../src/shared';
import { LABEL_MAGIC, forgeWebhook, type Case, type ConformanceKit } from './conformance-kit';

/**
 * The conformance cases about what a carrier does (quote, create, labels, cancel, tracking,
 * webhooks, branches, close-out), each guarded by the adapter's capabilities.
 */
export function portCases(k: ConformanceKit): Case[] {
  return [
    {
      tag: 'quote',
      name: 'quotes services with a price, a currency and transit days',
      leftOut: k.caps.quote ? null : 'no quote capability',
      run: async () => {
        const req = k.run.shipmentRequest(k.ref('Q'));
        const quotes = await k.adapter.quote(
          k.run.account,
          { from: req.from, to: req.to, parcels: [req.parcel], declaredValue: req.declaredValue },
          k.ioFor(k.run.account).io,
        );
        expect(quotes.length).toBeGreaterThan(0);
        for (const q of quotes) {
          expect(q.service.length).toBeGreaterThan(0);
          expect(q.serviceName.length).toBeGreaterThan(0);
          expect(Number.isFinite(q.price.amount) && q.price.amount > 0, `price of ${q.service}`).toBe(true);
          expect(q.price.currency).toMatch(/^[A-Z]{3}$/);
          expect(Number.isInteger(q.transitDays) && q.transitDays >= 0, `transit days of ${q.service}`).toBe(true);
        }
      },
    },
    {
      tag: 'create',
      name: `creates a shipment (${k.caps.label === 'async' ? 'pending, then created once the carrier settles it' : 'created at once'})`,
      leftOut: null,
      run: async () => {
        const created = await k.createShipment(k.ref('C'));
        expect(created.externalId.length).toBeGreaterThan(0);
        expect(created.trackingNumber.length).toBeGreaterThan(0);
        // A shipment without a label exists only where the carrier says labels may be absent.
        if (k.caps.label !== 'none') expect(created.noLabel ?? false).toBe(false);
      },
    },
    {
      tag: 'async rejected',
      name: 'answers a rejected async label as { state: rejected, reason }',
      leftOut: k.caps.label === 'async' ? null : 'labels are not asynchronous',
      run: async () => {
        const { io } = k.ioFor(k.run.account);
        const first = await k.adapter.createShipment(k.run.account, k.run.shipmentRequest(k.ref('R')), io);
        expect(first.state).toBe('pending');
        if (first.state !== 'pending') return;
        expect(k.run.settleLabels, 'an async carrier harness must offer settleLabels').toBeDefined();
        await k.run.settleLabels!('rejected');
        const checked = await k.adapter.checkShipment(k.run.account, first.externalId, io);
        expect(checked.state).toBe('rejected');
        if (checked.state === 'rejected') expect(checked.reason.trim().length).toBeGreaterThan(0);
      },
    },
    {
      tag: 'label bytes',
      name: `gives label bytes that are a real ${k.caps.labelFormats.join(' / ')}`,
      leftOut: k.caps.label === 'none' ? 'the carrier gives no labels' : null,
      run: async () => {
        const created = await k.createShipment(k.ref('L'));
        if (created.noLabel) throw new Error('a carrier with labels answered noLabel');
        if (created.label) {
          expect(k.caps.labelFormats).toContain(created.label.format);
          expect(LABEL_MAGIC[created.label.format](created.label.bytes), `label came as ${created.label.format}`).toBe(true);
        }
        for (const format of k.caps.labelFormats) {
          const label = await k.adapter.label(k.run.account, created.externalId, format, k.ioFor(k.run.account).io);
          expect(k.caps.labelFormats).toContain(label.format);
          expect(LABEL_MAGIC[label.format](label.bytes), `label asked as ${format} came as ${label.format}`).toBe(true);
        }
      },
    },
    {
      tag: 'cancel twice',
      name: 'cancels idempotently: a second cancel answers alreadyCancelled',
      leftOut: k.caps.cancel ? null : 'no cancel capability',
      run: async () => {
        const created = await k.createShipment(k.ref('X'));
        const { io } = k.ioFor(k.run.account);
        expect(await k.adapter.cancel(k.run.account, created.externalId, io)).toEqual({ alreadyCancelled: false });
        expect(await k.adapter.cancel(k.run.account, created.externalId, io)).toEqual({ alreadyCancelled: true });
      },
    },
    {
      tag: 'tracking order',
      name: 'tracks scans as normalised statuses in order, keeping the raw code and text',
      leftOut: null,
      run: async () => {
        const created = await k.createShipment(k.ref('S'));
        const tn = created.trackingNumber;
        // A coarse-tracking carrier (trackingSteps) is scanned only through the steps it can report.
        const path = (['in_transit', 'out_for_delivery', 'attempt_failed', 'out_for_delivery', 'delivered'] as const).filter(
          (s) => !k.run.trackingSteps || k.run.trackingSteps.includes(s),
        );
        for (const to of path) await k.run.scan(tn, to);
        const events = await k.track([tn]);
        expect(events.length).toBeGreaterThanOrEqual(path.length);
        for (const ev of events) {
          expect(ev.trackingNumber).toBe(tn);
          expect(ev.carrierCode.length, 'raw carrier code kept').toBeGreaterThan(0);
          expect(typeof ev.carrierText).toBe('string');
          expect(Number.isNaN(ev.occurredAt.getTime())).toBe(false);
          if (ev.status !== null) expect(SHIPMENT_STATUSES).toContain(ev.status);
        }
        for (let i = 1; i < events.length; i++) {
          expect(events[i]!.occurredAt.getTime(), 'events oldest first').toBeGreaterThanOrEqual(events[i - 1]!.occurredAt.getTime());
        }
        // The scans appear in the order they happened (the carrier may add events of its own between them).
        const statuses = events.map((e) => e.status);
        let at = 0;
        for (const s of statuses) if (s === path[at]) at++;
        expect(at, `scanned ${path.join(' → ')}, tracking shows ${statuses.join(' → ')}`).toBe(path.length);
        expect(statuses.at(-1)).toBe('delivered');
      },
    },
    {
      tag: 'unknown code',
      name: 'keeps an unknown carrier code with status null, without throwing',
      leftOut: null,
      run: async () => {
        const created = await k.createShipment(k.ref('U'));
        await k.run.scan(created.trackingNumber, 'in_transit');
        await k.run.scanUnknown(created.trackingNumber);
        const events = await k.track([created.trackingNumber]);
        expect(events.map((e) => e.status)).toContain('in_transit');
        const unknown = events.filter((e) => e.status === null);
        expect(unknown.length).toBeGreaterThan(0);
        for (const e of unknown) expect(e.carrierCode.length).toBeGreaterThan(0);
      },
    },
    {
      tag: 'unknown tracking number',
      name: 'leaves an unknown tracking number out of a batch',
      leftOut: null,
      run: async () => {
        const created = await k.createShipment(k.ref('K'));
        await k.run.scan(created.trackingNumber, 'in_transit');
        const events = await k.track([created.trackingNumber, 'ZZ000000000NOSUCH']);
        expect(events.length).toBeGreaterThan(0);
        expect(new Set(events.map((e) => e.trackingNumber))).toEqual(new Set([created.trackingNumber]));
      },
    },
    {
      tag: 'webhook',
      name: 'verifies a signed webhook, naming the shipment; a forged one is 401',
      leftOut: k.caps.webhook ? null : 'no webhook capability',
      run: async () => {
        expect(k.adapter.verifyWebhook, 'capabilities.webhook needs verifyWebhook').toBeDefined();
        expect(k.run.webhook, 'capabilities.webhook needs the harness to build a webhook').toBeDefined();
        const created = await k.createShipment(k.ref('W'));
        const req = k.run.webhook!(created.trackingNumber);
        const ok = k.adapter.verifyWebhook!(k.run.account, req);
        expect(ok.ok).toBe(true);
        if (!ok.ok) return;
        expect(ok.dedupeKey.length).toBeGreaterThan(0);
        expect(
          ok.refs.some((r) => r === created.trackingNumber || r === created.externalId),
          `refs ${ok.refs.join(', ')}`,
        ).toBe(true);
        const again = k.adapter.verifyWebhook!(k.run.account, req);
        expect(again.ok && again.dedupeKey).toBe(ok.dedupeKey);
        const forged = forgeWebhook(req);
        expect(k.adapter.verifyWebhook!(k.run.account, forged)).toMatchObject({ ok: false, status: 401 });
      },
    },
    {
      tag: 'branches',
      name: 'answers branches near a postcode as Branch rows',
      leftOut: k.caps.branches ? null : 'no branches capability',
      run: async () => {
        expect(k.adapter.branches, 'capabilities.branches needs branches()').toBeDefined();
        const postalCode = k.run.shipmentRequest(k.ref('P')).to.postalCode ?? '1000';
        const branches = await k.adapter.branches!(k.run.account, postalCode, k.ioFor(k.run.account).io);
        expect(branches.length).toBeGreaterThan(0);
        for (const b of branches) expect(BranchSchema.parse(b)).toEqual(b);
      },
    },
    {
      tag: 'manifest',
      name: 'closes out shipments in a manifest',
      leftOut: k.caps.manifest ? null : 'no manifest capability',
      run: async () => {
        expect(k.adapter.manifest, 'capabilities.manifest needs manifest()').toBeDefined();
        const created = await k.createShipment(k.ref('M'));
        const m = await k.adapter.manifest!(k.run.account, [created.externalId], k.ioFor(k.run.account).io);
        expect(m.manifestId.length).toBeGreaterThan(0);
      },
    },
    {
      tag: 'pickup',
      name: 'books a pickup',
      leftOut: k.caps.pickupBooking ? null : 'no pickup booking capability',
      run: async () => {
        expect(k.adapter.bookPickup, 'capabilities.pickupBooking needs bookPickup()').toBeDefined();
        const reference = k.ref('O');
        const created = await k.createShipment(reference);
        const date = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        const res = await k.adapter.bookPickup!(
          k.run.account,
          { from: k.run.shipmentRequest(reference).from, date, parcels: 1, externalIds: [created.externalId] },
          k.ioFor(k.run.account).io,
        );
        expect(res.confirmation.length).toBeGreaterThan(0);
      },
    },
  ];
}
