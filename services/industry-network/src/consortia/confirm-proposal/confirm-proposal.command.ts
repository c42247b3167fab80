import { z } from 'zod';
import { Name, Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';
import { Version } from '../../shared/version';
import { ConsortiumMembers } from '../form-consortium/form-consortium.command';

export const ConfirmProposalCommand = z.object({
  version: Version,
  name: Name.optional().meta({ description: '联合体名称，默认沿用提议 / Defaults to the proposal’s' }),
  topic: Text(500).optional(),
  additionalMembers: ConsortiumMembers.default([]).meta({ description: '揭榜方以外的其他成员单位，同名机构只列一次 / Members besides the winner, each name once' }),
  formedOn: PastOrToday.optional().meta({ description: '组建日期（业务时间），默认今天 / Formation date; defaults to today' }),
});
export type ConfirmProposalCommand = z.output<typeof ConfirmProposalCommand>;
