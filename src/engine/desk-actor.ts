import { userInfo } from 'node:os';
import type { Actor } from './engine.types';

/**
 * The person at a local desk, for every host that has one (the Electron window, the web desk on
 * loopback). Until sign-in exists, the OS user acts as a supervisor.
 */
export function localDeskActor(): Actor {
  let name = 'desk';
  try {
    name = userInfo().username;
  } catch {
    // Some containers have no passwd entry for the uid.
  }
  return { id: `desk:${name}`, name, role: 'supervisor' };
}
