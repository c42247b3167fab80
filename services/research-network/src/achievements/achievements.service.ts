import { z } from 'zod';
import type { IndustryField, InstitutionType, Money, Region, Source } from '@tjc/contracts';
import type { Prisma } from '../generated/prisma/client';
import { toLocalDate } from '../common/business-time';

export const IP_KINDS = ['patent', 'software-copyright', 'know-how', 'new-variety', 'other'] as const;
export type IpKind = (typeof IP_KINDS)[number];
export const ACHIEVEMENT_STATUSES = ['listed', 'transferred'] as const;
export const AchievementStatus = z.enum(ACHIEVEMENT_STATUSES).meta({ description: 'listed: 在供给清单; transferred: 已转化落地' });
export type AchievementStatus = z.infer<typeof AchievementStatus>;

export type AchievementWithTransfers = Prisma.AchievementGetPayload<{ include: { transfers: true; coReports: true } }>;
export const withTransfers = {
  transfers: { orderBy: { landedOn: 'asc' } },
  coReports: { orderBy: { time: 'asc' } },
} as const satisfies Prisma.AchievementInclude;

export interface AchievementView {
  readonly id: string;
  readonly source: Source;
  readonly title: string;
  readonly field: IndustryField;
  readonly owner: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly summary: string;
  readonly ipKind: IpKind | null;
  readonly askingPrice: Money | null;
  readonly projectId: string | null;
  readonly status: AchievementStatus;
  readonly listedAt: string;
  readonly transfers: readonly {
    readonly transferId: string;
    readonly receiver: { readonly kind: string; readonly name: string; readonly park: string | null };
    readonly mode: string;
    readonly contractAmount: Money;
    readonly landedOn: string;
  }[];
  /** Partners' listings of this same achievement under its id: kept beside it, not applied (ADR 0016). */
  readonly coReports: readonly { readonly source: Source; readonly eventId: string; readonly title: string; readonly listedAt: string }[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Row → API view; vocabulary columns hold keys validated on the way in (API or event contract). */
export function toAchievementView(a: AchievementWithTransfers): AchievementView {
  return {
    id: a.id,
    source: a.source as Source,
    title: a.title,
    field: a.field as IndustryField,
    owner: { name: a.ownerName, region: a.ownerRegion as Region, ...(a.ownerType !== null && { type: a.ownerType as InstitutionType }) },
    summary: a.summary,
    ipKind: a.ipKind as IpKind | null,
    // Decimal → exact two-decimal string: money never passes through a float.
    askingPrice: a.askingPrice === null ? null : { amount: a.askingPrice.toFixed(2), currency: 'CNY' },
    projectId: a.projectId,
    status: a.status as AchievementStatus,
    listedAt: a.listedAt.toISOString(),
    transfers: a.transfers.map((t) => ({
      transferId: t.transferId,
      receiver: { kind: t.receiverKind, name: t.receiverName, park: t.park },
      mode: t.mode,
      contractAmount: { amount: t.contractAmount.toFixed(2), currency: 'CNY' },
      landedOn: toLocalDate(t.landedOn),
    })),
    coReports: a.coReports.map((r) => ({ source: r.source as Source, eventId: r.eventId, title: r.title, listedAt: r.time.toISOString() })),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
