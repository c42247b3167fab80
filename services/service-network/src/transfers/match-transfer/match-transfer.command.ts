import { z } from 'zod';
import { Name, ReceiverKind } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

/** The receiving park or company in Tianjin chosen for the achievement. */
export const MatchTransferCommand = z.object({
  version: ExpectedVersion,
  receiver: z.object({
    kind: ReceiverKind.schema,
    name: Name.meta({ description: '承接方名称（园区或企业）' }),
    park: Name.optional().meta({ description: '承接园区，如 天开高教科创园' }),
  }),
});
export type MatchTransferCommand = z.output<typeof MatchTransferCommand>;
