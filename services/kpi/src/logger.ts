import type { createLogger } from '@tjc/runtime';

/** The runtime's pino logger type (pino itself is the runtime's dependency, not this package's). */
export type Logger = ReturnType<typeof createLogger>;
