import type { ReturnLabelDownloads } from '../../engine.types';
import type { ModuleContext } from '../../kernel/context';
import { labelByToken } from './return-labels.store';

/** A link's token: 24 random bytes in base64url. Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The customer's download of their return label (the HTTP host serves it at /api/v1/returns/labels/:token). */
export function createReturnLabelDownloads(ctx: Pick<ModuleContext, 'ds'>): ReturnLabelDownloads {
  return {
    download: (token) => (TOKEN.test(token) ? labelByToken(ctx.ds.manager, token) : Promise.resolve(null)),
  };
}
