import { InitialSchema1764057600000 } from './0001-initial-schema';
import { ChannelIntake1764144000000 } from './0002-channel-intake';
import { Imports1764144200000 } from './0004-imports';
import { Inventory1764144300000 } from './0005-inventory';

/** Every migration, oldest first. `synchronize` is never used outside tests. */
export const migrations = [InitialSchema1764057600000, ChannelIntake1764144000000, Imports1764144200000, Inventory1764144300000];
