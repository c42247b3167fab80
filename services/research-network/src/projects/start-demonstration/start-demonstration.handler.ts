import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import type { StartDemonstrationCommand } from './start-demonstration.command';

/** under-review → in-demonstration, once every assigned expert has reviewed and the project passed. */
@Injectable()
export class StartDemonstrationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsService,
  ) {}

  async execute(id: string, cmd: StartDemonstrationCommand, ctx: WriteContext): Promise<ProjectView> {
    const startedAt = instantOrNow(cmd.startedAt);
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      this.projects.assertVersion(project, cmd.version);
      const to = this.projects.transition(project, 'start-demonstration');
      const result = await tx.project.update({ where: { id }, data: { state: to, demonstrationStartedAt: startedAt, version: { increment: 1 } }, include: this.projects.include() });
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.demonstration-started',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { from: project.state, to, startedAt: startedAt.toISOString(), version: result.version },
      });
      return result;
    });
    return toProjectView(updated, { confidential: true });
  }
}
