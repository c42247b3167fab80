import { Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { rejectionStageOf } from '../project.state-machine';
import { ProjectsService, stateOf, toProjectView, type ProjectView } from '../projects.service';
import type { RejectProjectCommand } from './reject-project.command';

@Injectable()
export class RejectProjectHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly projects: ProjectsService,
  ) {}

  async execute(id: string, cmd: RejectProjectCommand, ctx: WriteContext): Promise<ProjectView> {
    const rejectedAt = instantOrNow(cmd.rejectedAt);
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      this.projects.assertVersion(project, cmd.version);
      const from = stateOf(project);
      const to = this.projects.transition(project, 'reject');
      // transition() allowed it, so the state is one a rejection has a stage for.
      const stage = rejectionStageOf(from)!;
      const result = await tx.project.update({
        where: { id },
        data: { state: to, rejectionStage: stage, rejectionReason: cmd.reason, rejectionDetail: cmd.detail ?? null, rejectedAt, version: { increment: 1 } },
        include: this.projects.include(),
      });
      const event = await this.events.publish(
        tx,
        EVENTS.projectRejected,
        { projectId: id, stage, reason: cmd.reason, ...(cmd.detail !== undefined && { detail: cmd.detail }) },
        { time: rejectedAt },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await appendAudit(tx, {
        eventId: event.id,
        actor: ctx.actor,
        action: 'project.rejected',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { from, to, stage, reason: cmd.reason, detail: cmd.detail ?? null, rejectedAt: rejectedAt.toISOString(), version: result.version },
      });
      return result;
    });
    return toProjectView(updated, { confidential: true });
  }
}
