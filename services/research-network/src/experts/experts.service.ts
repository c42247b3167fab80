import { z } from 'zod';
import { IndustryField, Name, type Region } from '@tjc/contracts';
import type { Expert } from '../generated/prisma/client';

export const ExpertFields = z
  .array(IndustryField.schema)
  .min(1)
  .max(13)
  .refine((f) => new Set(f).size === f.length, 'must not list a field twice')
  .meta({ description: '擅长领域 / Fields of expertise', uniqueItems: true });

export const ConflictInstitutions = z
  .array(Name)
  .max(20)
  .meta({ description: '其他利益冲突单位（兼职、近三年任职等），本单位自动回避 / Other institutions the expert must not review; their own is implied' });

export interface ExpertView {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly fields: readonly IndustryField[];
  readonly institutionName: string;
  readonly title: string | null;
  readonly conflictInstitutions: readonly string[];
  readonly active: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const toExpertView = (e: Expert): ExpertView => ({
  id: e.id,
  name: e.name,
  region: e.region as Region,
  fields: e.fields as IndustryField[],
  institutionName: e.institutionName,
  title: e.title,
  conflictInstitutions: e.conflictInstitutions,
  active: e.active,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
