import { Id, IndustryField, Institution, Name, Text } from '@tjc/contracts';
import { z } from 'zod';
import { PositiveMoney } from '../../shared/money.service';

/** A coordinator opens an opportunity by hand (e.g. met at a financing roadshow, 融资路演). */
export const OpenDealCommand = z.object({
  title: Name.meta({ description: '项目名称 / Opportunity title' }),
  investee: Institution.meta({ description: '拟投企业 / Prospective investee' }),
  field: IndustryField.schema.optional(),
  summary: Text(2000).optional(),
  targetPark: Name.optional().meta({ description: '落地园区 / Park where it lands' }),
  fundingNeed: PositiveMoney.optional().meta({ description: '融资需求 / Funding need' }),
  fundId: Id.optional().meta({ description: '拟出资基金 / Fund expected to invest' }),
  transferId: Id.optional().meta({ description: '关联的成果转化 / Landed transfer it comes from' }),
  projectId: Id.optional().meta({ description: '关联的科研项目 / Research project it comes from' }),
});
export type OpenDealCommand = z.output<typeof OpenDealCommand>;
