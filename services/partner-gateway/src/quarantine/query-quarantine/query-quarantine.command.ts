import { z } from 'zod';
import { PageQuery, sortParam } from '@tjc/runtime';
import { PARTNER_IDS } from '../../partners/partner';
import { QUARANTINE_STATUSES } from '../quarantine.view';

export const QuarantineListQuery = PageQuery.extend({
  partner: z.enum([...PARTNER_IDS, 'unknown']).optional(),
  status: z.enum(QUARANTINE_STATUSES).optional(),
  kind: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  channel: z.enum(['http', 'kafka']).optional(),
  webhookId: z.string().min(1).max(128).optional(),
  sort: sortParam(['receivedAt'], '-receivedAt'),
});
export type QuarantineListQuery = z.output<typeof QuarantineListQuery>;
