import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';
import { Version } from '../../shared/version';

export const ConcludeConsortiumCommand = z.object({
  version: Version,
  concludedOn: PastOrToday.optional().meta({ description: '结题日期，默认今天 / Defaults to today' }),
  summary: Text(2000).optional().meta({ description: '联合攻关成果小结 / Summary of the results' }),
});
export type ConcludeConsortiumCommand = z.output<typeof ConcludeConsortiumCommand>;
