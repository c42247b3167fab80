import { Id, Institution, LocalDate, Name } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { PositiveMoney } from '../../shared/money.service';

export const AwardGrantCommand = z
  .object({
    fundId: Id,
    grantee: Institution.meta({ description: '受资助单位 / Grantee' }),
    projectId: Id.optional().meta({ description: '资助的科研项目 / The project funded' }),
    amount: PositiveMoney.meta({ description: '资助金额 / Amount granted' }),
    awardedOn: PastLocalDate,
    convertible: z.boolean().meta({ description: '是否可拨转投 / May later convert to equity' }),
    // 先拨后投 ties the later investment to milestones; a grant without any could never move on.
    milestones: z
      .array(z.object({ title: Name, due: LocalDate }))
      .min(1)
      .max(50),
  })
  .superRefine((c, ctx) => {
    c.milestones.forEach((m, i) => {
      if (m.due < c.awardedOn) ctx.addIssue({ code: 'custom', message: 'must not be before awardedOn', path: ['milestones', i, 'due'] });
    });
  });
export type AwardGrantCommand = z.output<typeof AwardGrantCommand>;
