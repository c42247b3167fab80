import { Injectable, NotFoundException } from '@nestjs/common';
import type { IndustryField, Institution } from '@tjc/contracts';
import { appendAudit, isUniqueViolation } from '@tjc/runtime';
import type { Deal } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma.service';
import { duplicate } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { newId } from '../../shared/ids.service';
import { columnsOf } from '../../shared/institution.service';
import { decimalOf } from '../../shared/money.service';
import { toDealView, type DealOrigin, type DealView } from '../deal-view.service';
import type { OpenDealCommand } from './open-deal.command';

/** What the audit row of an opening records: an HTTP caller, or the event that caused it. */
export interface AuditContext extends Caller {
  readonly eventId?: string;
}

export interface OpenDealInput extends Omit<OpenDealCommand, 'investee' | 'field'> {
  readonly origin: DealOrigin;
  readonly investee: Institution;
  readonly field?: IndustryField | undefined;
}

@Injectable()
export class OpenDealHandler {
  constructor(private readonly prisma: PrismaService) {}

  /** Opens an opportunity in the caller's transaction (an HTTP command or an event's inbox transaction). */
  async openInTx(tx: Tx, input: OpenDealInput, audit: AuditContext): Promise<Deal> {
    if (input.fundId !== undefined && !(await tx.fund.findUnique({ where: { id: input.fundId }, select: { id: true } }))) {
      throw new NotFoundException(`fund ${input.fundId} not found`);
    }
    const investee = columnsOf(input.investee);
    const deal = await tx.deal.create({
      data: {
        id: newId('deal'),
        title: input.title.trim(),
        stage: 'opportunity',
        origin: input.origin,
        transferId: input.transferId ?? null,
        projectId: input.projectId ?? null,
        investeeId: investee.id,
        investeeName: investee.name,
        investeeRegion: investee.region,
        investeeType: investee.type,
        field: input.field ?? null,
        summary: input.summary ?? null,
        targetPark: input.targetPark ?? null,
        fundingNeed: input.fundingNeed === undefined ? null : decimalOf(input.fundingNeed),
        fundId: input.fundId ?? null,
      },
    });
    await appendAudit(tx, { ...audit, action: 'deal.opened', entityType: 'deal', entityId: deal.id, detail: { ...input } });
    return deal;
  }

  async execute(cmd: OpenDealCommand, caller: Caller): Promise<DealView> {
    const origin: DealOrigin = cmd.transferId !== undefined ? 'transfer' : cmd.projectId !== undefined ? 'project' : 'manual';
    try {
      return await this.prisma.$transaction(async (tx) => {
        // One opportunity per transfer and per project: the event that arrives later links to this one.
        const links = [...(cmd.transferId ? [{ transferId: cmd.transferId }] : []), ...(cmd.projectId ? [{ projectId: cmd.projectId }] : [])];
        const existing = links.length === 0 ? null : await tx.deal.findFirst({ where: { OR: links }, select: { id: true } });
        if (existing) throw duplicate('an opportunity for this transfer or project already exists', { existingDealId: existing.id });
        return toDealView(await this.openInTx(tx, { ...cmd, origin }, caller));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate('an opportunity for this transfer or project already exists');
      throw error;
    }
  }
}
