import { AppError, type Actor, type locationsContract, type LocationDetail } from '../../../shared';
import { auditNote } from '../../kernel/audit';
import type { ModuleContext } from '../../kernel/context';
import { defineModule } from '../../kernel/define-module';
import { assertWorksAt } from '../../kernel/location-scope';
import { startLocationCache } from './location-cache';
import { listLocationHealth, locationDetail } from './location-health.store';
import { setLocationPaused } from './location-pause.store';

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `No location ${id}`, [{ path: 'id', message: 'use a location id from locations.list' }]);

async function detail(ctx: ModuleContext, id: string): Promise<LocationDetail> {
  const d = await locationDetail(ctx.ds.manager, id);
  if (!d) throw notFound(id);
  return d;
}

/** Pause (`reason` given) or resume, noted in the audit entry with the state before and after. */
async function setPaused(ctx: ModuleContext, id: string, actor: Actor, pauseReason: string | null): Promise<LocationDetail> {
  const r = await setLocationPaused(ctx.ds.manager, id, pauseReason === null ? null : { by: actor.name, reason: pauseReason });
  if (!r) throw notFound(id);
  auditNote({ locationId: id, subject: r.code, before: { active: r.wasActive }, after: { active: pauseReason === null } });
  return detail(ctx, id);
}

/** The network of stores, DCs and dark stores: the map's health figures, the location panel, pause and resume, and the engine's cached locations. */
export const locationsModule = defineModule<keyof typeof locationsContract>({
  name: 'locations',
  handlers: {
    'locations.list': (ctx) => listLocationHealth(ctx.ds.manager),
    'locations.detail': (ctx, { id }, actor) => {
      assertWorksAt(actor, id, 'id');
      return detail(ctx, id);
    },
    'locations.pause': (ctx, { id, reason }, actor) => setPaused(ctx, id, actor, reason),
    'locations.resume': (ctx, { id }, actor) => setPaused(ctx, id, actor, null),
  },
  start: (ctx) => startLocationCache(ctx),
});
