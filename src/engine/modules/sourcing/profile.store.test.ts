import { describe, expect, it } from 'vitest';
import type { SourcingProfile } from '../../../shared';
import { pickProfile } from './profile.store';

const p = (key: string, selector: Partial<SourcingProfile['selector']>): SourcingProfile =>
  ({
    id: key,
    key,
    version: 1,
    status: 'active',
    name: key,
    selector: { channels: [], orderTypes: [], priority: 0, ...selector },
  }) as SourcingProfile;

describe('pickProfile', () => {
  const all = [
    p('default', {}),
    p('marketplaces', { channels: ['mercadolibre', 'vtex'] }),
    p('pickup', { orderTypes: ['pickup'] }),
    p('vip', { channels: ['web'], priority: 5 }),
  ];
  it('takes the most specific match, then priority; the catch-all otherwise', () => {
    expect(pickProfile(all, 'mercadolibre', 'delivery')?.key).toBe('marketplaces');
    expect(pickProfile(all, 'shopify', 'pickup')?.key).toBe('pickup');
    expect(pickProfile(all, 'web', 'delivery')?.key).toBe('vip');
    expect(pickProfile(all, 'shopify', 'delivery')?.key).toBe('default');
    expect(pickProfile(all.slice(1), 'shopify', 'delivery')).toBeNull();
  });
});
