import { z } from 'zod';
import { Id, IndustryField, Institution, Money, Name, Text } from '@tjc/contracts';
import { BusinessInstant } from '../../common/business-time';
import { IP_KINDS } from '../achievements.service';

export const ListAchievementBody = z
  .object({
    title: Name,
    field: IndustryField.schema,
    owner: Institution.omit({ id: true }).meta({ description: '成果权属单位 / Owner institution' }),
    summary: Text(2000),
    ipKind: z.enum(IP_KINDS).optional(),
    askingPrice: Money.optional(),
    projectId: Id.optional().meta({ description: '来源项目（须在本网络项目库中） / Project it came from' }),
    listedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'ListAchievement', description: '列入科技成果供给清单 / Put an achievement on the supply list' });
export type ListAchievementCommand = z.output<typeof ListAchievementBody>;
