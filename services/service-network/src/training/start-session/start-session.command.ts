import { z } from 'zod';
import { ExpectedVersion } from '../../common/concurrency';

/** Starting carries only the version it was made against. */
export const StartSessionCommand = z.object({ version: ExpectedVersion });
export type StartSessionCommand = z.output<typeof StartSessionCommand>;
