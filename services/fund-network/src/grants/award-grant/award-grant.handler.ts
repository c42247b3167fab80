import { Injectable, NotFoundException } from '@nestjs/common';
import { EVENTS, FundType } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { startOfShanghaiDay, toDbDate } from '../../shared/business-time.service';
import type { Caller } from '../../shared/http-context.service';
import { newId } from '../../shared/ids.service';
import { columnsOf } from '../../shared/institution.service';
import { decimalOf } from '../../shared/money.service';
import { grantLinks, toGrantView, type GrantView } from '../grant-view.service';
import type { AwardGrantCommand } from './award-grant.command';

/** Awards a grant (先拨后投: grant first) and stages fund.grant.awarded.v1 in the same transaction. */
@Injectable()
export class AwardGrantHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(cmd: AwardGrantCommand, caller: Caller): Promise<GrantView> {
    return this.prisma.$transaction(async (tx) => {
      const fund = await tx.fund.findUnique({ where: { id: cmd.fundId } });
      if (!fund) throw new NotFoundException(`fund ${cmd.fundId} not found`);
      const grantee = columnsOf(cmd.grantee);
      const grant = await tx.grant.create({
        data: {
          id: newId('gr'),
          fundId: fund.id,
          granteeId: grantee.id,
          granteeName: grantee.name,
          granteeRegion: grantee.region,
          granteeType: grantee.type,
          projectId: cmd.projectId ?? null,
          amount: decimalOf(cmd.amount),
          awardedOn: toDbDate(cmd.awardedOn),
          convertible: cmd.convertible,
          status: 'awarded',
          milestones: { create: cmd.milestones.map((m, i) => ({ id: newId('ms'), seq: i + 1, title: m.title.trim(), due: toDbDate(m.due) })) },
        },
        include: grantLinks,
      });
      const view = toGrantView(grant);
      const event = await this.events.publish(
        tx,
        EVENTS.grantAwarded,
        {
          grantId: grant.id,
          fund: { id: fund.id, name: fund.name, type: FundType.schema.parse(fund.type) },
          grantee: view.grantee,
          ...(cmd.projectId !== undefined && { projectId: cmd.projectId }),
          amount: view.amount,
          awardedOn: cmd.awardedOn,
          convertible: cmd.convertible,
          milestones: view.milestones.map((m) => ({ title: m.title, due: m.due })),
        },
        { time: startOfShanghaiDay(cmd.awardedOn) },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await appendAudit(tx, { ...caller, eventId: event.id, action: 'grant.awarded', entityType: 'grant', entityId: grant.id, detail: { ...cmd } });
      return view;
    });
  }
}
