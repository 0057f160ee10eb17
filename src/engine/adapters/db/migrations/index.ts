import { InitialSchema1764057600000 } from './0001-initial-schema';

/** Every migration, oldest first. `synchronize` is never used outside tests. */
export const migrations = [InitialSchema1764057600000];
