import { FundType, Id, Name, Text } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { PositiveMoney } from '../../shared/money.service';

export const RegisterFundCommand = z.object({
  id: Id.optional().meta({ description: '可选的稳定标识（如 fund-tiankai-seed），便于伙伴系统引用 / Optional stable id partners can refer to' }),
  name: Name.meta({ description: '基金名称，如 天开园创业种子基金' }),
  type: FundType.schema,
  manager: Name.meta({ description: '基金管理人 / Fund manager' }),
  size: PositiveMoney.meta({ description: '基金规模 / Fund size' }),
  establishedOn: PastLocalDate.optional().meta({ description: '设立日期；筹建中的基金不填 / Leave out while the fund is planned' }),
  description: Text(2000).optional(),
});
export type RegisterFundCommand = z.output<typeof RegisterFundCommand>;
