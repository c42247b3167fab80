import { z } from 'zod';
import { Id, IndustryField, Name, Region, SourceSchema, TransferMode } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { BooleanQuery, SearchText } from '../../common/list-query';
import { TransferStateMachine, type TransferStatus } from '../transfer.state-machine';

const TransferStatusSchema = z.enum(Object.keys(TransferStateMachine.transitions) as [TransferStatus, ...TransferStatus[]]);

const CommonFilters = {
  originRegion: Region.schema.optional().meta({ description: '成果来源地区，如 beijing、hebei' }),
  field: IndustryField.schema.optional(),
  achievementId: Id.optional(),
  projectId: Id.optional(),
  q: SearchText.optional().meta({ description: '按成果名称或来源机构模糊查询' }),
};

export const ListTransfersQuery = PageQuery.extend({
  ...CommonFilters,
  status: TransferStatusSchema.optional(),
  mode: TransferMode.schema.optional(),
  receiverPark: Name.optional(),
  funded: BooleanQuery.optional(),
  sort: sortParam(['createdAt', 'updatedAt', 'landedOn', 'contractAmount', 'title'], '-createdAt'),
});
export type ListTransfersQuery = z.output<typeof ListTransfersQuery>;

/** Candidates only: achievements offered for transfer that have no receiver yet. */
export const ListCandidatesQuery = PageQuery.extend({
  ...CommonFilters,
  offeredBy: SourceSchema.optional().meta({ description: '发布方，如 partner/hebei-center、tjc/research-network' }),
  sort: sortParam(['createdAt', 'updatedAt', 'title'], '-createdAt'),
});
export type ListCandidatesQuery = z.output<typeof ListCandidatesQuery>;
