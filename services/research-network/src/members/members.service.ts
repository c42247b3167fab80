import { z } from 'zod';
import { InstitutionType, type Region } from '@tjc/contracts';
import type { Member } from '../generated/prisma/client';

/**
 * Member types of the research network: the subset of the shared
 * institution vocabulary the plan names for it (universities, key labs,
 * 海河实验室, institutes). Enterprises, agencies and parks belong to the
 * other networks.
 */
export const RESEARCH_MEMBER_TYPES = ['university', 'national-key-lab', 'haihe-lab', 'municipal-key-lab', 'research-institute', 'industrial-technology-institute'] as const satisfies readonly InstitutionType[];
export const MemberType = z.enum(RESEARCH_MEMBER_TYPES).meta({
  description: RESEARCH_MEMBER_TYPES.map((t) => `${t}: ${InstitutionType.label(t)}`).join('; '),
});
export type MemberType = z.infer<typeof MemberType>;

export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly type: MemberType;
  readonly note: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const toMemberView = (m: Member): MemberView => ({
  id: m.id,
  name: m.name,
  region: m.region as Region,
  type: m.type as MemberType,
  note: m.note,
  version: m.version,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});
