import { InitialSchema1764057600000 } from './0001-initial-schema';
import { SourcingProfiles1764144400000 } from './0006-sourcing-profiles';

/** Every migration, oldest first. `synchronize` is never used outside tests. */
export const migrations = [InitialSchema1764057600000, SourcingProfiles1764144400000];
