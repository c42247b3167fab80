import { Id, Institution, InvestmentRound } from '@tjc/contracts';
import { z } from 'zod';
import { PastInstant, PastLocalDate, shanghaiDateOf } from '../../shared/business-time.service';
import { Version } from '../../shared/conflicts.service';
import { EquityPercent, PositiveMoney } from '../../shared/money.service';

export const InvestInDealCommand = z
  .object({
    version: Version,
    fundId: Id.optional().meta({ description: '出资基金；不填则用投资项目上的拟出资基金 / Defaults to the deal’s fund' }),
    amount: PositiveMoney.meta({ description: '投资金额 / Amount invested' }),
    // 'grant-conversion' is reserved for converted grants (POST /grants/:id/convert), so the two views stay consistent.
    round: InvestmentRound.schema.exclude(['grant-conversion']),
    investedOn: PastLocalDate.optional().meta({ description: '投资日期（北京时间） / Date of the investment (Asia/Shanghai)' }),
    investedAt: PastInstant.optional().meta({ description: '投资时刻（含时区），可替代 investedOn / The instant, with offset' }),
    equityPercent: EquityPercent.optional(),
    investee: Institution.optional().meta({ description: '实际被投企业（如科研项目落地后的新公司）；不填则为投资项目上的企业' }),
  })
  .refine((c) => c.investedOn !== undefined || c.investedAt !== undefined, { message: 'give investedOn or investedAt', path: ['investedOn'] })
  .refine((c) => c.investedOn === undefined || c.investedAt === undefined || shanghaiDateOf(new Date(c.investedAt)) === c.investedOn, {
    message: 'must fall on investedOn in the Asia/Shanghai calendar',
    path: ['investedAt'],
  });
export type InvestInDealCommand = z.output<typeof InvestInDealCommand>;
