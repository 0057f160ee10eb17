import { describe, expect, it } from 'vitest';
import { AppError, ProfileSelectorSchema, SourcingProfileSpecSchema, type SourcingProfile } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
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

/** One active profile; a saved draft becomes version 2 (a name "bad" is refused), and activating it retires version 1. */
function profilesDesk() {
  let profiles = [profile({})];
  return fakeDesk({
    'sourcing.profiles.list': () => profiles,
    'sourcing.profiles.saveDraft': ({ name, selector }) => {
      if (name === 'bad') throw new AppError('VALIDATION_FAILED', 'Invalid input', [{ path: 'spec.rateCard', message: 'too short' }]);
      const d = profile({
        id: 'p2',
        version: 2,
        status: 'draft',
        name,
        activatedAt: null,
        selector: ProfileSelectorSchema.parse(selector),
      });
      profiles = [profiles[0]!, d];
      return d;
    },
    'sourcing.profiles.activate': () => {
      profiles = [profile({ id: 'p2', version: 2 }), profile({ status: 'retired' })];
      return profiles[0]!;
    },
  });
}

describe('sourcing profiles store', () => {
  it('loads, edits a copy of the active version and saves it as a draft', async () => {
    const api = profilesDesk();
    const store = createSourcingProfilesStore(api);
    await store.getState().loadRequested();
    store.getState().profileSelected('p1');
    expect(store.getState().draft).toMatchObject({ key: 'default', name: 'Default', channels: '' });
    store.getState().draftEdited({ name: 'Marketplaces', channels: 'mercadolibre, vtex' });
    expect(await store.getState().saveRequested()).toBe(true);
    expect(api.inputsOf('sourcing.profiles.saveDraft')[0]).toMatchObject({
      name: 'Marketplaces',
      selector: { channels: ['mercadolibre', 'vtex'] },
    });
    expect(store.getState()).toMatchObject({ selectedId: 'p2', error: null });
    expect(await store.getState().activateRequested('p2')).toBe(true);
    expect(store.getState().profiles.map((p) => p.status)).toEqual(['active', 'retired']);
  });

  it('says what is wrong: JSON that does not parse, or the engine naming the field', async () => {
    const api = profilesDesk();
    const store = createSourcingProfilesStore(api);
    await store.getState().loadRequested();
    store.getState().profileSelected('p1');
    store.getState().draftEdited({ specText: '{ nope' });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().error).toMatch(/not valid JSON/);
    expect(api.inputsOf('sourcing.profiles.saveDraft')).toEqual([]);
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
