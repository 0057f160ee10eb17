import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { createChannelsStore, formFields, secretsToSend } from './channels.store';

const channel = (over: Partial<Channel> = {}): Channel => ({
  id: 'ch_1',
  kind: 'shopify',
  name: 'Shopify AR',
  paused: false,
  settings: { shopDomain: 'x.myshopify.com' },
  secretNames: ['webhookSecret'],
  apiKeyHint: null,
  webhookPath: '/api/v1/channels/ch_1',
  requiredSettings: ['shopDomain'],
  requiredSecrets: ['webhookSecret'],
  health: { lastOrderAt: null, received24h: 0, failed24h: 0, errorRate: 0, quarantined: 0 },
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

/** Two channels (Shopify AR, and an API channel "ERP"); every command answers with the channel it changed. */
function channelsDesk() {
  return fakeDesk({
    'channels.list': () => [
      channel(),
      channel({ id: 'ch_2', kind: 'api', name: 'ERP', secretNames: [], requiredSecrets: [], requiredSettings: [] }),
    ],
    'channels.kinds': () => [
      { kind: 'api', requiredSettings: [], requiredSecrets: [], optionalSettings: [], optionalSecrets: [] },
      {
        kind: 'shopify',
        requiredSettings: ['shopDomain'],
        requiredSecrets: ['webhookSecret'],
        optionalSettings: [],
        optionalSecrets: ['adminAccessToken'],
      },
    ],
    'channels.create': () => ({ channel: channel({ id: 'ch_3', kind: 'api', name: 'POS' }), apiKey: 'atk_once' }),
    'channels.update': ({ id, name }) => channel({ id, ...(name ? { name } : {}) }),
    'channels.setPaused': ({ id, paused }) => channel({ id, paused }),
    'channels.rotateKey': () => ({ channel: channel({ id: 'ch_2', kind: 'api', name: 'ERP' }), apiKey: 'atk_new' }),
  });
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('channels store', () => {
  it("the form shows the adapter's required and optional settings and secrets; blank secrets are not sent", async () => {
    const api = channelsDesk();
    const s = createChannelsStore(api);
    s.getState().refreshRequested();
    await settle();
    s.getState().editOpened('ch_1');
    // Required first, then what the kind uses when given (Shopify's Admin API token, for refunds).
    expect(formFields(s.getState().kinds, s.getState().form!)).toEqual({
      settings: ['shopDomain'],
      secrets: ['webhookSecret', 'adminAccessToken'],
    });
    s.getState().formChanged({ name: 'Shopify Argentina' });
    expect(await s.getState().formSubmitted()).toBe(true);
    expect(api.inputsOf('channels.update')).toEqual([
      { id: 'ch_1', name: 'Shopify Argentina', settings: { shopDomain: 'x.myshopify.com' } },
    ]);
    expect(secretsToSend({ a: '', b: ' s ' })).toEqual({ b: ' s ' });
  });

  it('shows a new API key once, on create and on rotation', async () => {
    const api = channelsDesk();
    const s = createChannelsStore(api);
    s.getState().refreshRequested();
    await settle();
    s.getState().addOpened('api');
    s.getState().formChanged({ name: 'POS' });
    await s.getState().formSubmitted();
    expect(s.getState().revealedKey).toEqual({ channelId: 'ch_3', channelName: 'POS', apiKey: 'atk_once' });
    s.getState().keyDismissed();
    expect(s.getState().revealedKey).toBeNull();
    await s.getState().keyRotated('ch_2');
    expect(s.getState().revealedKey?.apiKey).toBe('atk_new');
  });

  it('pauses and resumes', async () => {
    const api = channelsDesk();
    const s = createChannelsStore(api);
    s.getState().refreshRequested();
    await settle();
    await s.getState().pauseToggled('ch_1');
    expect(api.inputsOf('channels.setPaused')).toEqual([{ id: 'ch_1', paused: true }]);
  });
});
