import { z } from 'zod';
import { Region } from '@tjc/contracts';
import type { Member } from '../generated/prisma/client';

export const MEMBER_LABEL = '服务网络成员';

/** Kinds of member named in the construction plan. */
export const MemberKind = z.enum(['transfer-agency', 'training-base', 'park']).meta({
  description: 'transfer-agency: 技术转移机构; training-base: 国家技术转移人才培养基地; park: 承接园区',
});
export type MemberKind = z.output<typeof MemberKind>;

export const MEMBER_KIND_LABELS: Readonly<Record<MemberKind, string>> = { 'transfer-agency': '技术转移机构', 'training-base': '国家技术转移人才培养基地', park: '承接园区' };

export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly kindLabel: string;
  readonly region: Region;
  readonly note: string | null;
  readonly version: number;
  readonly createdAt: string;
}

export function toMemberView(row: Member): MemberView {
  const kind = MemberKind.parse(row.kind);
  return { id: row.id, name: row.name, kind, kindLabel: MEMBER_KIND_LABELS[kind], region: Region.schema.parse(row.region), note: row.note, version: row.version, createdAt: row.createdAt.toISOString() };
}
