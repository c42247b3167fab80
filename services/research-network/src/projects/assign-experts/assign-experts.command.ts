import { z } from 'zod';
import { Id } from '@tjc/contracts';
import { MIN_PANEL_SIZE } from '../project.state-machine';
import { Version } from '../../common/version';

export const AssignExpertsBody = z
  .object({
    version: Version,
    expertIds: z
      .array(Id)
      .min(MIN_PANEL_SIZE, `assign at least ${MIN_PANEL_SIZE} experts`)
      .max(15)
      .refine((ids) => new Set(ids).size === ids.length, 'must not list an expert twice')
      .meta({ description: '评审专家（不重复） / The panel’s experts, each once', uniqueItems: true }),
  })
  .meta({ title: 'AssignExperts', description: '从专家库按领域遴选评审专家（至少三名） / Assign at least three experts of the pool' });
export type AssignExpertsCommand = z.output<typeof AssignExpertsBody>;
