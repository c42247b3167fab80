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
    investedAt: PastInstant.optional().meta({ description: '投资时刻（含时区），可替代 investedOn；两者都给时须落在 investedOn 当天（北京时间） / The instant, with offset; when investedOn is given too, it must fall on that date in Asia/Shanghai' }),
    equityPercent: EquityPercent.optional(),
    investee: Institution.optional().meta({ description: '实际被投企业（如科研项目落地后的新公司）；不填则为投资项目上的企业' }),
  })
  .refine((c) => c.investedOn !== undefined || c.investedAt !== undefined, { message: 'give investedOn or investedAt', path: ['investedOn'] })
  // zod runs this refinement even when investedAt failed its own format check:
  // an unreadable instant is left to that field's error (reading it threw
  // "Invalid time value", a 500). The message names the date like the other
  // services' "must fall on" rule does.
  .superRefine((c, ctx) => {
    if (c.investedOn === undefined || c.investedAt === undefined || Number.isNaN(Date.parse(c.investedAt))) return;
    if (shanghaiDateOf(new Date(c.investedAt)) !== c.investedOn) {
      ctx.addIssue({ code: 'custom', path: ['investedAt'], message: `must fall on investedOn (${c.investedOn}) in Asia/Shanghai` });
    }
  });
export type InvestInDealCommand = z.output<typeof InvestInDealCommand>;
