import { z } from 'zod';
import { Id, LocalDate, Money, Name } from '@tjc/contracts';
import { PastOrToday, todayInShanghai } from '../../shared/business-time';
import { Version } from '../../shared/version';

export const PublishChallengeCommand = z
  .object({
    demandId: Id.meta({ description: '作为榜单发布的需求（须为 open） / The open demand to publish as a challenge' }),
    demandVersion: Version.optional().meta({ description: '需求的版本号；给出时校验 / The demand version read; checked when given' }),
    title: Name.optional().meta({ description: '榜单名称，默认“<需求标题>揭榜挂帅” / Defaults to the demand title' }),
    reward: Money.meta({ description: '榜单金额 / Reward' }),
    deadline: LocalDate.meta({ description: '揭榜截止日期，不早于发布日期（publishedOn，默认今天） / Application deadline: not before the publication date (publishedOn, default today)' }),
    publishedViaHq: z.boolean().default(true).meta({ description: '经本部在北京发布 / Published in Beijing via HQ' }),
    publishedOn: PastOrToday.optional().meta({ description: '发布日期（业务时间），默认今天 / Business date; defaults to today' }),
  })
  .refine((c) => c.deadline >= (c.publishedOn ?? todayInShanghai()), {
    message: '截止日期不能早于发布日期 / deadline must not be before the publication date',
    path: ['deadline'],
  });
export type PublishChallengeCommand = z.output<typeof PublishChallengeCommand>;
