import { IndustryField, InstitutionType, ReceiverKind, Region, TransferMode, type Institution, type Money } from '@tjc/contracts';
import { fromDbDate } from '../common/business-time';
import { toMoney, toMoneyOrNull } from '../common/money';
import type { Prisma } from '../generated/prisma/client';
import { TransferStateMachine, type TransferStatus } from './transfer.state-machine';

export const TRANSFER_INCLUDE = { investments: { orderBy: { investedOn: 'asc' } } } as const satisfies Prisma.TransferInclude;
export type TransferRow = Prisma.TransferGetPayload<{ include: typeof TRANSFER_INCLUDE }>;

export interface TransferView {
  readonly id: string;
  readonly status: TransferStatus;
  readonly statusLabel: string;
  readonly channel: 'coordinator' | 'event';
  readonly offeredBy: string | null;
  readonly achievement: { readonly id: string | null; readonly title: string; readonly field: IndustryField; readonly summary: string | null };
  readonly projectId: string | null;
  readonly origin: Institution;
  readonly askingPrice: Money | null;
  readonly receiver: { readonly kind: ReceiverKind; readonly name: string; readonly park: string | null } | null;
  readonly negotiationNote: string | null;
  readonly mode: TransferMode | null;
  readonly contractAmount: Money | null;
  readonly landedOn: string | null;
  readonly landedAt: string | null;
  readonly abandonReason: string | null;
  readonly funded: boolean;
  readonly fundedAt: string | null;
  readonly investments: readonly { readonly investmentId: string; readonly fund: { readonly id: string; readonly name: string }; readonly amount: Money; readonly investedOn: string }[];
  readonly allowedTransitions: readonly TransferStatus[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The origin institution as the contracts spell it (optional keys absent, not undefined). */
export function originOf(row: TransferRow): Institution {
  return {
    name: row.originName,
    region: Region.schema.parse(row.originRegion),
    ...(row.originId !== null && { id: row.originId }),
    ...(row.originType !== null && { type: InstitutionType.schema.parse(row.originType) }),
  };
}

export function toTransferView(row: TransferRow): TransferView {
  const status = row.status as TransferStatus;
  return {
    id: row.id,
    status,
    statusLabel: TransferStateMachine.states[status],
    channel: row.channel === 'event' ? 'event' : 'coordinator',
    offeredBy: row.offeredBy,
    achievement: { id: row.achievementId, title: row.title, field: IndustryField.schema.parse(row.field), summary: row.summary },
    projectId: row.projectId,
    origin: originOf(row),
    askingPrice: toMoneyOrNull(row.askingPrice),
    receiver:
      row.receiverKind !== null && row.receiverName !== null
        ? { kind: ReceiverKind.schema.parse(row.receiverKind), name: row.receiverName, park: row.receiverPark }
        : null,
    negotiationNote: row.negotiationNote,
    mode: row.mode === null ? null : TransferMode.schema.parse(row.mode),
    contractAmount: toMoneyOrNull(row.contractAmount),
    landedOn: row.landedOn === null ? null : fromDbDate(row.landedOn),
    landedAt: row.landedAt?.toISOString() ?? null,
    abandonReason: row.abandonReason,
    funded: row.fundedAt !== null,
    fundedAt: row.fundedAt?.toISOString() ?? null,
    investments: row.investments.map((i) => ({ investmentId: i.investmentId, fund: { id: i.fundId, name: i.fundName }, amount: toMoney(i.amount), investedOn: fromDbDate(i.investedOn) })),
    allowedTransitions: TransferStateMachine.transitions[status] ?? [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
