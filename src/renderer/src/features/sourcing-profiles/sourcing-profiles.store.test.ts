import { describe, expect, it } from 'vitest';
import { AppError, SourcingProfileSpecSchema, type SourcingProfile } from '../../../../shared';
import { backorderOf, createSourcingProfilesStore, withBackorder } from './sourcing-profiles.store';

const SPEC = SourcingProfileSpecSchema.parse({
  strategies: [{ name: 'any' }],
  rateCard: [{ name: 'all', maxKm: null, base: 1000, perKg: 100, transitDays: 2 }],
});
const profile = (over: Partial<SourcingProfile>): SourcingProfile => ({
  id: 'p1',
  key: 'default',
  version: 1,
  status: 'active',
  name: 'Default',
  selector: { channels: [], orderTypes: [], priority: 0 },
  spec: SPEC,
  createdBy: 'system',
  createdAt: '2026-01-01T00:00:00Z',
  activatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

function fakeApi() {
  let profiles = [profile({})];
  const calls: [string, unknown][] = [];
  const api = {
    call: (async (endpoint: string, input: Record<string, unknown>) => {
      calls.push([endpoint, input]);
      if (endpoint === 'sourcing.profiles.list') return profiles;
      if (endpoint === 'sourcing.profiles.saveDraft') {
        if ((input.name as string) === 'bad')
          throw new AppError('VALIDATION_FAILED', 'Invalid input', [{ path: 'spec.rateCard', message: 'too short' }]);
        const d = profile({
          id: 'p2',
          version: 2,
          status: 'draft',
          name: input.name as string,
          activatedAt: null,
          selector: input.selector as SourcingProfile['selector'],
        });
        profiles = [profiles[0]!, d];
        return d;
      }
      if (endpoint === 'sourcing.profiles.activate') {
        profiles = [profile({ id: 'p2', version: 2 }), profile({ status: 'retired' })];
        return profiles[0];
      }
      throw new Error(endpoint);
    }) as never,
  };
  return { api, calls };
}

describe('sourcing profiles store', () => {
  it('loads, edits a copy of the active version and saves it as a draft', async () => {
    const { api, calls } = fakeApi();
    const store = createSourcingProfilesStore(api);
    await store.getState().loadRequested();
    store.getState().profileSelected('p1');
    expect(store.getState().draft).toMatchObject({ key: 'default', name: 'Default', channels: '' });
    store.getState().draftEdited({ name: 'Marketplaces', channels: 'mercadolibre, vtex' });
    expect(await store.getState().saveRequested()).toBe(true);
    expect(calls.find(([e]) => e === 'sourcing.profiles.saveDraft')![1]).toMatchObject({
      name: 'Marketplaces',
      selector: { channels: ['mercadolibre', 'vtex'] },
    });
    expect(store.getState()).toMatchObject({ selectedId: 'p2', error: null });
    expect(await store.getState().activateRequested('p2')).toBe(true);
    expect(store.getState().profiles.map((p) => p.status)).toEqual(['active', 'retired']);
  });

  it('says what is wrong: JSON that does not parse, or the engine naming the field', async () => {
    const { api, calls } = fakeApi();
    const store = createSourcingProfilesStore(api);
    await store.getState().loadRequested();
    store.getState().profileSelected('p1');
    store.getState().draftEdited({ specText: '{ nope' });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().error).toMatch(/not valid JSON/);
    expect(calls.some(([e]) => e === 'sourcing.profiles.saveDraft')).toBe(false);
    store.getState().draftEdited({ specText: '{}', name: 'bad' });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().issues).toEqual([{ path: 'spec.rateCard', message: 'too short' }]);
  });
});

describe('backorder policy in the spec text', () => {
  it('reads the policy (hold when absent), and null while the text is not JSON', () => {
    expect(backorderOf('{"backorder":"ship_available"}')).toBe('ship_available');
    expect(backorderOf('{"strategies":[]}')).toBe('hold');
    expect(backorderOf('{"strategies":[')).toBeNull();
  });
  it('writes the policy and keeps the rest of the spec', () => {
    expect(JSON.parse(withBackorder('{"strategies":[1],"backorder":"hold"}', 'cancel_unavailable'))).toEqual({
      strategies: [1],
      backorder: 'cancel_unavailable',
    });
  });
});
