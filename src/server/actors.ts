import type { Actor } from '../engine';

/** REST callers until per-channel API keys identify each channel. */
export const API_ACTOR: Actor = { id: 'api', name: 'REST API', role: 'integrator' };
