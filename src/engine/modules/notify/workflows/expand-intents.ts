import type { NotificationChannel } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { insertMessages } from '../messages.store';
import { claimOutbox, markOutboxExpanded } from '../outbox.store';
import { customerKeyOf, listEndpoints, listProviders, readNotificationSettings, readPreferences } from '../notify-config.store';
import { planMessages, planWebhooks } from '../plan-messages';

/** Outbox rows made into messages per transaction. */
const BATCH = 200;

/**
 * Makes the outbox's events into messages (intents), a batch per transaction: the rows are
 * claimed (skipping those another node holds), each planned (the customer's message, `planMessages`;
 * the merchant's webhook deliveries, `planWebhooks`), the messages kept by
 * key (a row expanded twice — a node died before its commit — makes nothing twice), and the rows
 * marked. With notifications off, rows wait. Answers how many rows were expanded.
 */
export async function expandIntents(ctx: Pick<ModuleContext, 'ds'>, now: () => Date = () => new Date()): Promise<number> {
  return inTransaction(ctx.ds, async (m) => {
    const settings = await readNotificationSettings(m);
    if (!settings.enabled) return 0;
    const rows = await claimOutbox(m, BATCH);
    if (!rows.length) return 0;
    const providers = new Set<NotificationChannel>((await listProviders(m)).filter((p) => p.enabled).map((p) => p.channel));
    const keys = rows.map((r) => customerKeyOf(r.customer)).filter((k): k is string => !!k);
    const prefs = await readPreferences(m, keys);
    const endpoints = (await listEndpoints(m)).filter((e) => e.enabled);
    const at = now();
    const messages = rows.flatMap((r) => {
      const key = customerKeyOf(r.customer);
      return [...planMessages(r, settings, providers, key ? prefs.get(key) : undefined, at), ...planWebhooks(r, endpoints)];
    });
    await insertMessages(m, messages);
    await markOutboxExpanded(
      m,
      rows.map((r) => r.outboxId),
    );
    return rows.length;
  });
}
