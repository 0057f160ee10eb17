import type { ExclusionCode } from './types';

const km = (n: number) => Math.round(n).toLocaleString('en-US');

/** An exclusion in words, as the desk shows it ("closed at 21:00", "capacity 120/120"). */
export function exclusionReason(why: ExclusionCode): string {
  switch (why.code) {
    case 'order-excluded':
      return why.reason;
    case 'paused':
      return 'location paused';
    case 'kind':
      return `location type ${why.kind} not allowed by this strategy`;
    case 'channel':
      return `not eligible for channel ${why.channel}`;
    case 'not-pickup':
      return 'not pickup-capable';
    case 'closed-today':
      return 'closed today';
    case 'not-open-yet':
      return `opens at ${why.opens}`;
    case 'closed-at':
      return `closed at ${why.closes}`;
    case 'past-cutoff':
      return `past carrier cut-off ${why.cutoff}`;
    case 'capacity':
      return `capacity ${why.used}/${why.capacity}`;
    case 'distance':
      return `${km(why.km)} km away, beyond the ${km(why.maxKm)} km band`;
    case 'no-stock':
      return `no stock of SKU ${why.sku} (needs ${why.needs}, has ${why.has})`;
  }
}
