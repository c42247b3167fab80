import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { BusinessInstant } from '../../common/business-time';
import { LandingPlan } from '../projects.service';
import { Version } from '../../common/version';

export const SelectProjectBody = z
  .object({
    version: Version,
    demonstration: z.object({
      withHq: z.boolean().meta({ description: '是否与本部联合论证 / Jointly demonstrated with HQ' }),
      conclusion: Text(2000),
    }),
    landingPlan: LandingPlan.optional(),
    /** The project may have matured during demonstration; the found event carries the TRL at selection. */
    trl: z.number().int().min(1).max(9).optional(),
    foundAt: BusinessInstant.optional().meta({ description: '遴选时间（默认当前），作为事件时间 / Business time of the selection; the event time' }),
  })
  .meta({ title: 'SelectProject' });
export type SelectProjectCommand = z.output<typeof SelectProjectBody>;
