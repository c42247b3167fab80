import { Text } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { Version } from '../../shared/conflicts.service';

export const CloseGrantCommand = z.object({
  version: Version,
  reason: Text(2000).meta({ description: '结题原因（必填），如“项目终止”“不转投，按资助结题” / Why the grant is closed' }),
  closedOn: PastLocalDate,
});
export type CloseGrantCommand = z.output<typeof CloseGrantCommand>;
