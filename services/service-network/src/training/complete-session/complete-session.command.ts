import { z } from 'zod';
import { ExpectedVersion } from '../../common/concurrency';

export const CompleteSessionCommand = z.object({ version: ExpectedVersion });
export type CompleteSessionCommand = z.output<typeof CompleteSessionCommand>;
