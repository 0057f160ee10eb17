import { userInfo } from 'node:os';
import type { Actor } from '../engine';

/** The person at a local desk. Until sign-in exists, the OS user acts as a supervisor. */
export function localDeskActor(): Actor {
  let name = 'desk';
  try {
    name = userInfo().username;
  } catch {
    // Some containers have no passwd entry for the uid.
  }
  return { id: `desk:${name}`, name, role: 'supervisor' };
}

/** REST callers until per-channel API keys identify each channel. */
export const API_ACTOR: Actor = { id: 'api', name: 'REST API', role: 'integrator' };
