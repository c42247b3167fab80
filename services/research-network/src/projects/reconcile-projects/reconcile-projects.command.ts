import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { PageQuery } from '@tjc/runtime';
import { Version } from '../../common/version';

export const RECONCILIATION_STATUSES = ['pending', 'confirmed', 'rejected'] as const;

export const ListReconciliationsQuery = PageQuery.extend({
  status: z.enum(RECONCILIATION_STATUSES).optional().meta({ description: '待确认、已确认为同一项目、已驳回 / pending, confirmed same project, rejected' }),
}).meta({ title: 'ListReconciliationsQuery' });
export type ListReconciliationsQuery = z.output<typeof ListReconciliationsQuery>;

export const DecideReconciliationBody = z
  .object({
    version: Version,
    note: Text(2000).optional().meta({ description: '判断依据 / Why the coordinator decided so' }),
  })
  .meta({ title: 'DecideReconciliation' });
export type DecideReconciliationCommand = z.output<typeof DecideReconciliationBody>;

export const ProjectReportsQuery = PageQuery.meta({ title: 'ProjectReportsQuery' });
export type ProjectReportsQuery = z.output<typeof ProjectReportsQuery>;
