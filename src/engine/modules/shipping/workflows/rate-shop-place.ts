import type { RateOption, ShippingPolicy } from '../../../../shared';
import { businessCalendar } from '../../../core/shipping/business-calendar';
import { promiseDate } from '../../../core/shipping/promise-date';
import { rankRates, type RateCandidate } from '../../../core/shipping/rate-shop';
import type { ModuleContext } from '../../../kernel/context';
import { CarrierError, type QuoteRequest } from '../../../ports/carrier.port';
import { listCarrierAccounts } from '../carrier-accounts.store';
import { liveCarrier, type LiveCarrier } from '../carrier-runtime';
import type { PlaceFacts } from '../label-work.store';
import { shipsWithMercadoEnvios, destinationAddress, originAddress } from '../label-policy';
import { measuredRate, onTimeRates, regionOf } from '../on-time.store';

/**
 * The rate shop for what an order packed at one location: every enabled account that can carry it
 * is asked for quotes (live calls, in parallel, outside any transaction); each quote's delivery is
 * computed from the location's next cut-off and the carrier's business days; the carrier's measured
 * on-time rate in the destination region weighs in; the core ranks them (cost against promise) and
 * says why. A Mercado Libre order whose shipment Mercado Libre made ships with Mercado Envíos only
 * — the shipment exists at Mercado Libre, which sets the cost — so it is not quoted.
 */

export interface RateShopOutcome {
  options: RateOption[];
  chosen: RateOption | null;
  explanation: string;
  promisedAt: Date | null;
  /** When the parcels are handed over (the location's next cut-off on a business day). */
  cutoffAt: Date | null;
}

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

const excludedOption = (
  c: Omit<RateCandidate, 'excluded' | 'etaAt' | 'onTimeRate'>,
  why: string,
  onTimeRate: number | null,
): RateOption => ({
  carrierAccountId: c.carrierAccountId,
  carrier: c.carrier,
  carrierName: c.carrierName,
  service: c.service,
  serviceName: c.serviceName,
  price: c.price,
  transitDays: c.transitDays,
  etaAt: null,
  meetsPromise: null,
  onTimeRate,
  score: null,
  excluded: why,
});

function quoteRequest(place: PlaceFacts, country: string): QuoteRequest {
  return {
    from: originAddress({ name: place.locationName, city: place.locationCity, lat: place.locationLat, lng: place.locationLng }, country),
    to: destinationAddress(place.customer, place.shipTo, country),
    parcels: place.parcels.map((p) => ({
      weightGrams: Math.max(1, p.weightGrams),
      lengthMm: p.lengthMm ?? undefined,
      widthMm: p.widthMm ?? undefined,
      heightMm: p.heightMm ?? undefined,
    })),
    declaredValue: { amount: place.parcels.reduce((s, p) => s + p.value, 0), currency: place.currency },
  };
}

export async function rateShopPlace(ctx: Ctx, place: PlaceFacts, policy: ShippingPolicy, now = new Date()): Promise<RateShopOutcome> {
  const calendar = businessCalendar(policy.holidayCountry);
  const handOver = promiseDate({ from: now, handlingHours: 0, cutoff: place.carrierCutoff, transitDays: 0, calendar }).handOverAt;
  const accounts = await listCarrierAccounts(ctx.ds.manager, { enabledOnly: true });
  const region = regionOf(place.shipTo);
  const rates = await onTimeRates(ctx.ds.manager, { accountIds: accounts.map((a) => a.id), region });
  const rateOf = (accountId: string) => measuredRate(rates.find((r) => r.carrierAccountId === accountId));
  const ml = shipsWithMercadoEnvios({ channel: place.channel, raw: place.raw, tags: place.orderTags });

  const excluded: RateOption[] = [];
  const live: LiveCarrier[] = [];
  for (const a of accounts) {
    const base = {
      carrierAccountId: a.id,
      carrier: a.kind,
      carrierName: a.name,
      service: '',
      serviceName: '',
      price: null,
      transitDays: null,
    };
    if (ml !== (a.kind === 'mercadoenvios')) {
      excluded.push(
        excludedOption(
          base,
          ml
            ? 'a Mercado Libre order whose shipment Mercado Libre made ships with Mercado Envíos'
            : 'Mercado Envíos carries only the Mercado Libre orders whose shipment Mercado Libre made',
          rateOf(a.id),
        ),
      );
      continue;
    }
    try {
      live.push(liveCarrier(ctx, a));
    } catch (e) {
      excluded.push(excludedOption(base, (e as Error).message, rateOf(a.id)));
    }
  }

  if (ml) {
    // Mercado Libre made the shipment with the order and sets its cost: the first enabled Mercado
    // Envíos account takes it, nothing to weigh.
    const me = live[0];
    if (!me) {
      return {
        options: excluded,
        chosen: null,
        explanation:
          'no enabled Mercado Envíos account: a Mercado Libre order ships with Mercado Envíos (add or enable one under Carriers)',
        promisedAt: place.promisedAt,
        cutoffAt: handOver,
      };
    }
    const option: RateOption = {
      carrierAccountId: me.account.id,
      carrier: me.adapter.kind,
      carrierName: me.account.name,
      service: me.account.settings.service?.trim() || 'mercadoenvios',
      serviceName: 'Mercado Envíos',
      price: null,
      transitDays: null,
      etaAt: null,
      meetsPromise: null,
      onTimeRate: rateOf(me.account.id),
      score: 0,
      excluded: null,
    };
    return {
      options: [option, ...excluded],
      chosen: option,
      explanation: `Mercado Libre order #${place.orderNumber} ships with ${me.account.name}: the shipment exists at Mercado Libre, which sets its service and cost`,
      promisedAt: place.promisedAt,
      cutoffAt: handOver,
    };
  }

  const req = quoteRequest(place, policy.holidayCountry);
  const candidates: RateCandidate[] = [];
  await Promise.all(
    live.map(async (c) => {
      const base = {
        carrierAccountId: c.account.id,
        carrier: c.adapter.kind,
        carrierName: c.account.name,
        service: '',
        serviceName: '',
        price: null,
        transitDays: null,
        etaAt: null,
        onTimeRate: rateOf(c.account.id),
      };
      if (!c.adapter.capabilities.quote) {
        candidates.push({ ...base, excluded: `${c.adapter.displayName} does not quote rates` });
        return;
      }
      try {
        const quotes = await c.adapter.quote(c.account, req, c.io);
        if (!quotes.length) candidates.push({ ...base, excluded: 'no service for this parcel and destination' });
        for (const q of quotes) {
          const eta = promiseDate({
            from: now,
            handlingHours: 0,
            cutoff: place.carrierCutoff,
            transitDays: q.transitDays,
            calendar,
          }).deliverBy;
          candidates.push({
            ...base,
            service: q.service,
            serviceName: q.serviceName,
            price: q.price,
            transitDays: q.transitDays,
            etaAt: eta,
            excluded: null,
          });
        }
      } catch (e) {
        if (!(e instanceof CarrierError)) ctx.log.warn({ err: e, account: c.account.id }, 'carrier quote failed');
        candidates.push({ ...base, excluded: `failed to answer: ${(e as Error).message}` });
      }
    }),
  );
  // Deterministic order before ranking: the core breaks ties, but the input order should not vary with who answered first.
  candidates.sort((a, b) => a.carrierAccountId.localeCompare(b.carrierAccountId) || a.service.localeCompare(b.service));
  const ranked = rankRates(candidates, {
    promisedAt: place.promisedAt,
    lateDayCost: policy.lateDayCost,
    minOnTimeRate: policy.minOnTimeRate,
    // Days late counted in business days, as the promise was.
    calendar,
  });
  return {
    options: [...ranked.options, ...excluded],
    chosen: ranked.chosen,
    explanation: ranked.explanation,
    promisedAt: place.promisedAt,
    cutoffAt: handOver,
  };
}

/** Why no option could carry it, in one line (the alert's detail). */
export function noCarrierDetail(outcome: Pick<RateShopOutcome, 'options' | 'explanation'>): string {
  const reasons = outcome.options
    .filter((o) => o.excluded)
    .map((o) => `${o.carrierName}${o.service ? ` ${o.service}` : ''}: ${o.excluded}`);
  return `no carrier can take this parcel: ${reasons.length ? reasons.join('; ') : outcome.explanation}`;
}
