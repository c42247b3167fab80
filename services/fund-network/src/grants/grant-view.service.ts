import { Institution, LocalDate, Money } from '@tjc/contracts';
import { z } from 'zod';
import type { Grant, GrantMilestone } from '../generated/prisma/client';
import { fromDbDate, fromDbDateOrNull } from '../shared/business-time.service';
import { institutionOf } from '../shared/institution.service';
import { percentString, toMoney } from '../shared/money.service';
import { allowedGrantTransitions, GRANT_STATUSES, isGrantStatus, type GrantStatus } from './grant.state-machine';

export const MilestoneView = z.object({
  seq: z.number().int().meta({ description: '里程碑序号（从 1 开始） / 1-based position' }),
  title: z.string(),
  due: LocalDate,
  metOn: LocalDate.nullable(),
  note: z.string().nullable(),
});

export const GrantView = z.object({
  id: z.string(),
  fundId: z.string(),
  grantee: Institution,
  projectId: z.string().nullable(),
  amount: Money,
  awardedOn: LocalDate,
  convertible: z.boolean(),
  status: z.enum(GRANT_STATUSES),
  allowedTransitions: z.array(z.enum(GRANT_STATUSES)),
  milestones: z.array(MilestoneView),
  conversion: z
    .object({ investmentId: z.string().nullable(), convertedAmount: Money, equityPercent: z.string().nullable(), convertedOn: LocalDate, note: z.string().nullable() })
    .nullable()
    .meta({ description: '拨转投：对应的股权投资 / The equity investment the grant became' }),
  closeReason: z.string().nullable(),
  closedOn: LocalDate.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GrantView = z.infer<typeof GrantView>;

export type GrantWithLinks = Grant & { milestones: GrantMilestone[]; investment: { id: string } | null };
export const grantLinks = { milestones: { orderBy: { seq: 'asc' } }, investment: { select: { id: true } } } as const;

export function statusOf(grant: Pick<Grant, 'id' | 'status'>): GrantStatus {
  if (!isGrantStatus(grant.status)) throw new Error(`grant ${grant.id} has unknown status ${grant.status}`);
  return grant.status;
}

export function toGrantView(grant: GrantWithLinks): GrantView {
  const status = statusOf(grant);
  return {
    id: grant.id,
    fundId: grant.fundId,
    grantee: institutionOf({ id: grant.granteeId, name: grant.granteeName, region: grant.granteeRegion, type: grant.granteeType }),
    projectId: grant.projectId,
    amount: toMoney(grant.amount),
    awardedOn: fromDbDate(grant.awardedOn),
    convertible: grant.convertible,
    status,
    allowedTransitions: allowedGrantTransitions({ status, convertible: grant.convertible }),
    milestones: grant.milestones.map((m) => ({ seq: m.seq, title: m.title, due: fromDbDate(m.due), metOn: fromDbDateOrNull(m.metOn), note: m.note })),
    conversion:
      grant.convertedAmount === null || grant.convertedOn === null
        ? null
        : {
            investmentId: grant.investment?.id ?? null,
            convertedAmount: toMoney(grant.convertedAmount),
            equityPercent: grant.equityPercent === null ? null : percentString(grant.equityPercent),
            convertedOn: fromDbDate(grant.convertedOn),
            note: grant.conversionNote,
          },
    closeReason: grant.closeReason,
    closedOn: fromDbDateOrNull(grant.closedOn),
    version: grant.version,
    createdAt: grant.createdAt.toISOString(),
    updatedAt: grant.updatedAt.toISOString(),
  };
}
