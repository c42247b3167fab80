import { Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, toDbDate } from '../../shared/business-time';
import { notFound } from '../../shared/http-errors';
import { newId } from '../../shared/ids';
import { enterpriseSnapshot } from '../../enterprises/read-enterprises/read-enterprises.handler';
import { demandView, withEnterpriseName } from '../read-demands/read-demands.handler';
import type { PostDemandCommand } from './post-demand.command';

/** Puts an enterprise's technology demand on the demand list and announces it (industry.demand.posted.v1). */
@Injectable()
export class PostDemandHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(cmd: PostDemandCommand, who: Actor) {
    const posted = businessTime(cmd.postedOn);
    return this.prisma.$transaction(async (tx) => {
      const enterprise = await tx.enterprise.findUnique({ where: { id: cmd.enterpriseId } });
      if (!enterprise) throw notFound('企业 enterprise', cmd.enterpriseId, 'enterpriseId');
      const id = newId('dm');
      const row = await tx.demand.create({
        data: {
          id,
          enterpriseId: enterprise.id,
          field: cmd.field,
          title: cmd.title,
          problem: cmd.problem,
          budgetMin: cmd.budget?.min.amount ?? null,
          budgetMax: cmd.budget?.max.amount ?? null,
          deadline: cmd.deadline !== undefined ? toDbDate(cmd.deadline) : null,
          postedOn: toDbDate(posted.date),
          status: 'open',
        },
        include: withEnterpriseName,
      });
      const event = await this.events.publish(
        tx,
        EVENTS.demandPosted,
        {
          demandId: id,
          enterprise: enterpriseSnapshot(enterprise),
          field: cmd.field,
          title: cmd.title,
          problem: cmd.problem,
          ...(cmd.budget !== undefined && { budget: cmd.budget }),
          ...(cmd.deadline !== undefined && { deadline: cmd.deadline }),
        },
        { time: posted.time },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: event.id }, 'demand.posted', 'demand', id, { ...cmd, postedOn: posted.date });
      return demandView(row);
    });
  }
}
