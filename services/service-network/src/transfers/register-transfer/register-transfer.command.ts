import { z } from 'zod';
import { Id, IndustryField, Institution, Money, Name, Text } from '@tjc/contracts';

/**
 * A coordinator records an achievement offered for transfer that did not
 * arrive as an event (e.g. handed over at a matching meeting by a Beijing or
 * Hebei partner). It starts as a candidate, like those from the supply list.
 */
export const RegisterTransferCommand = z.object({
  achievement: z.object({
    id: Id.optional().meta({ description: '成果编号（供给清单或合作方编号）' }),
    title: Name,
    field: IndustryField.schema,
    summary: Text(2000).optional(),
  }),
  origin: Institution.meta({ description: '成果来源机构及地区' }),
  askingPrice: Money.optional(),
  projectId: Id.optional(),
});
export type RegisterTransferCommand = z.output<typeof RegisterTransferCommand>;
