import { IndustryField, Institution, Money } from '@tjc/contracts';
import { z } from 'zod';
import type { Deal } from '../generated/prisma/client';
import { institutionOf } from '../shared/institution.service';
import { toMoney } from '../shared/money.service';
import { DEAL_STAGES, dealLifecycle, isDealStage } from './deal.state-machine';

export const DEAL_ORIGINS = ['transfer', 'project', 'manual'] as const;
export type DealOrigin = (typeof DEAL_ORIGINS)[number];

export const DealView = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.enum(DEAL_STAGES),
  allowedTransitions: z.array(z.enum(DEAL_STAGES)),
  origin: z.enum(DEAL_ORIGINS).meta({ description: 'transfer: 成果转化落地; project: 科研网络遴选项目; manual: 协调员录入' }),
  transferId: z.string().nullable(),
  projectId: z.string().nullable(),
  investee: Institution,
  field: IndustryField.schema.nullable(),
  summary: z.string().nullable(),
  targetPark: z.string().nullable(),
  fundingNeed: Money.nullable(),
  fundId: z.string().nullable(),
  declineReason: z.string().nullable(),
  investmentId: z.string().nullable(),
  stageChangedAt: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DealView = z.infer<typeof DealView>;

export function stageOf(deal: Pick<Deal, 'id' | 'stage'>) {
  if (!isDealStage(deal.stage)) throw new Error(`deal ${deal.id} has unknown stage ${deal.stage}`);
  return deal.stage;
}

export function toDealView(deal: Deal & { investment?: { id: string } | null }): DealView {
  const stage = stageOf(deal);
  return {
    id: deal.id,
    title: deal.title,
    stage,
    allowedTransitions: [...dealLifecycle.allowed(stage)],
    origin: z.enum(DEAL_ORIGINS).parse(deal.origin),
    transferId: deal.transferId,
    projectId: deal.projectId,
    investee: institutionOf({ id: deal.investeeId, name: deal.investeeName, region: deal.investeeRegion, type: deal.investeeType }),
    field: deal.field === null ? null : IndustryField.schema.parse(deal.field),
    summary: deal.summary,
    targetPark: deal.targetPark,
    fundingNeed: deal.fundingNeed === null ? null : toMoney(deal.fundingNeed),
    fundId: deal.fundId,
    declineReason: deal.declineReason,
    investmentId: deal.investment?.id ?? null,
    stageChangedAt: deal.stageChangedAt.toISOString(),
    version: deal.version,
    createdAt: deal.createdAt.toISOString(),
    updatedAt: deal.updatedAt.toISOString(),
  };
}
