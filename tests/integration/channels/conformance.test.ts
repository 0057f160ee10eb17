import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTOR_ADAPTERS } from '../../../src/engine/adapters/channels/connectors';
import { restApiAdapter } from '../../../src/engine/adapters/channels/rest-api';
import { type ChannelAdapter, type ChannelMessage, ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { OrderDraftSchema } from '../../../src/shared';
import { type ConnectorKit, mercadolibreKit, restApiKit, shopifyKit, testIo, vtexKit, woocommerceKit } from './kits';

/**
 * The channel port's conformance suite, run over every connector in CONNECTOR_ADAPTERS and the
 * built-in REST channel: genuine
 * requests verify, forged ones get 401, a redelivery has the same de-duplication key, the
 * fixture becomes drafts that satisfy the contract, and fuzzed bodies never make verify throw nor
 * interpret throw anything but ChannelPayloadError.
 */

const KITS: Record<string, (a: ChannelAdapter) => ConnectorKit> = {
  shopify: shopifyKit,
  woocommerce: woocommerceKit,
  vtex: vtexKit,
  mercadolibre: mercadolibreKit,
  api: restApiKit,
};

/** Every adapter behind the channel port: the connectors and the built-in REST (`api`) channel. */
const ADAPTERS: readonly ChannelAdapter[] = [...CONNECTOR_ADAPTERS, restApiAdapter];

it('every connector has a conformance kit', () => {
  expect(ADAPTERS.map((a) => a.kind).filter((k) => !KITS[k])).toEqual([]);
  expect(CONNECTOR_ADAPTERS.length).toBeGreaterThanOrEqual(4);
});

const kitFor = (a: ChannelAdapter) => KITS[a.kind]?.(a) ?? shopifyKit(a);

describe.each(ADAPTERS.map((a) => [a.kind, a] as const))('%s conforms to the channel port', (_kind, adapter) => {
  const kit = kitFor(adapter);
  beforeAll(() => kit.setup());
  afterAll(() => kit.teardown());

  it('names the secrets and settings the desk must ask for', () => {
    // An API-key channel asks for nothing: the desk issues its key (and keeps only the hash).
    if (kit.auth === 'api-key') expect(kit.account().secrets.apiKeyHash).toBeTruthy();
    else expect(adapter.requiredSecrets.length + adapter.requiredSettings.length).toBeGreaterThan(0);
    const a = kit.account();
    for (const s of adapter.requiredSecrets) expect(a.secrets[s] ?? (s === 'accessToken' ? '' : undefined), s).toBeDefined();
    for (const s of adapter.requiredSettings) expect(a.settings[s], s).toBeTruthy();
  });

  it('verifies a genuine request and names its delivery', () => {
    const v = adapter.verify(kit.request(), kit.account());
    expect(v).toMatchObject({ ok: true });
    if (v.ok) {
      expect(v.dedupeKey.length).toBeGreaterThan(0);
      expect(v.topic.length).toBeGreaterThan(0);
    }
  });

  it('refuses an altered body, a wrong secret and a missing credential with 401', () => {
    const req = kit.request();
    const account = kit.account();
    const altered = kit.alteredBody(req);
    expect(altered.rawBody.equals(req.rawBody)).toBe(false);
    if (kit.auth === 'api-key') {
      // The key names the caller, not the body: a changed body from the key holder is accepted as
      // what it is, a request of its own (TLS protects the body in transit).
      const [a, b] = [
        adapter.verify(req, account),
        adapter.verify({ ...altered, headers: { ...altered.headers, 'idempotency-key': undefined } }, account),
      ];
      expect(a.ok && b.ok && a.dedupeKey !== b.dedupeKey).toBe(true);
    } else {
      expect(adapter.verify(altered, account)).toMatchObject({ ok: false, status: 401 });
    }
    expect(adapter.verify(req, kit.wrongSecret(account))).toMatchObject({ ok: false, status: 401 });
    const missing = kit.missingAuth(req, account);
    expect(adapter.verify(missing.req, missing.account)).toMatchObject({ ok: false, status: 401 });
  });

  it('gives a redelivery the same de-duplication key, and another delivery a different one', () => {
    const req = kit.request();
    const first = adapter.verify(req, kit.account());
    const again = adapter.verify(kit.redelivery(req), kit.account());
    expect(first.ok && again.ok).toBe(true);
    if (first.ok && again.ok) expect(again.dedupeKey).toBe(first.dedupeKey);
  });

  it('interprets the fixture into drafts that satisfy the contract', async () => {
    const messages = await adapter.interpret(kit.request(), kit.account(), testIo());
    const upserts = messages.filter((m): m is Extract<ChannelMessage, { type: 'order.upsert' }> => m.type === 'order.upsert');
    expect(upserts).toHaveLength(1);
    const draft = upserts[0]!.draft;
    expect(OrderDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.channel).toBe(adapter.kind);
    expect(draft.externalId).toBe(kit.externalId);
  });

  it('never throws from verify, and interpret only throws ChannelPayloadError, on fuzzed bodies', async () => {
    const account = kit.account();
    const fixtureBody = JSON.parse(kit.request().rawBody.toString('utf8')) as Record<string, unknown>;
    // Raw bytes, arbitrary JSON, and the fixture with one field replaced by anything.
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.json().map((j) => Buffer.from(j)),
      fc
        .tuple(fc.constantFrom(...Object.keys(fixtureBody)), fc.jsonValue())
        .map(([k, v]) => Buffer.from(JSON.stringify({ ...fixtureBody, [k]: v }))),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const genuine = kit.request(body);
        for (const req of [genuine, kit.alteredBody(genuine), { ...genuine, headers: {} }]) {
          const v = adapter.verify(req, account);
          expect(typeof v.ok).toBe('boolean');
          if (!v.ok) expect([400, 401]).toContain(v.status);
        }
        try {
          const out = await adapter.interpret(genuine, account, testIo());
          expect(Array.isArray(out)).toBe(true);
          for (const m of out) if (m.type === 'order.upsert') OrderDraftSchema.parse(m.draft);
        } catch (e) {
          if (!(e instanceof ChannelPayloadError))
            throw new Error(`interpret threw ${(e as Error).name}: ${(e as Error).message}`, { cause: e });
        }
      }),
      { numRuns: 150 },
    );
  });
});
