import { z } from 'zod';
import { IndustryField, Name, Text } from '@tjc/contracts';
import { ProjectInstitution, Team } from '../projects.service';
import { Version } from '../../common/version';

/** Corrections while the project is still `submitted`; once experts review it, the file is frozen. */
export const UpdateProjectBody = z
  .object({
    version: Version,
    title: Name.optional(),
    institution: ProjectInstitution.optional(),
    field: IndustryField.schema.optional(),
    trl: z.number().int().min(1).max(9).optional(),
    team: Team.optional(),
    summary: Text(2000).optional(),
    confidentialDetail: Text(20_000).nullable().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'change at least one field', path: [] })
  .meta({ title: 'UpdateProject' });
export type UpdateProjectCommand = z.output<typeof UpdateProjectBody>;
