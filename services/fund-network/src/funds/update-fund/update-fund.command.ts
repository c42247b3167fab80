import { Name, Text } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { Version } from '../../shared/conflicts.service';
import { PositiveMoney } from '../../shared/money.service';

/** Corrects a fund's master data; `establishedOn` set when a planned fund is established. */
export const UpdateFundCommand = z
  .object({
    version: Version,
    name: Name.optional(),
    manager: Name.optional(),
    size: PositiveMoney.optional(),
    establishedOn: PastLocalDate.nullable().optional(),
    description: Text(2000).nullable().optional(),
  })
  .refine((c) => Object.keys(c).some((k) => k !== 'version'), { message: '至少修改一个字段（version 除外） / change at least one field besides version', path: [] });
export type UpdateFundCommand = z.output<typeof UpdateFundCommand>;
