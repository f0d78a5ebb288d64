import { Initial1795460199233 } from './1795460199233-initial.js';

/** Every migration, in order. Timestamped files, hand-reviewed; `synchronize` is never used. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: Function[] = [Initial1795460199233];
