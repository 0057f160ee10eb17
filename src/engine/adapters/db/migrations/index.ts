import { InitialSchema1764057600000 } from './0001-initial-schema';
import { SourcingOps1764144500000 } from './0007-sourcing-ops';

/** Every migration, oldest first. `synchronize` is never used outside tests. */
export const migrations = [InitialSchema1764057600000, SourcingOps1764144500000];
