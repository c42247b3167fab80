import { Injectable } from '@nestjs/common';
import { centerAttribution, EVENTS, type IndustryField, type InstitutionType, type Region } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import { ruleViolation } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import type { SelectProjectCommand } from './select-project.command';

/** in-demonstration → found: the project is selected as an original/disruptive technology (counts towards the annual KPI). */
@Injectable()
export class SelectProjectHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly projects: ProjectsService,
  ) {}

  async execute(id: string, cmd: SelectProjectCommand, ctx: WriteContext): Promise<ProjectView> {
    const foundAt = instantOrNow(cmd.foundAt);
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      this.projects.assertVersion(project, cmd.version);
      const to = this.projects.transition(project, 'select');
      // A replayed year must stay in order: a selection cannot precede the
      // demonstration it concludes (the KPI year is taken from this time).
      const earliest = project.demonstrationStartedAt ?? project.submittedAt;
      if (earliest && foundAt < earliest) {
        throw ruleViolation([{ path: 'foundAt', rule: 'before_demonstration', message: `must not be before the demonstration started (${earliest.toISOString()})` }]);
      }
      const trl = cmd.trl ?? project.trl;
      const result = await tx.project.update({
        where: { id },
        data: {
          state: to,
          trl,
          foundAt,
          demonstrationWithHq: cmd.demonstration.withHq,
          demonstrationConclusion: cmd.demonstration.conclusion,
          ...(cmd.landingPlan !== undefined && { landingPlan: cmd.landingPlan }),
          version: { increment: 1 },
        },
        include: this.projects.include(),
      });
      const event = await this.events.publish(
        tx,
        EVENTS.projectFound,
        {
          projectId: id,
          title: project.title,
          institution: {
            name: project.institutionName,
            region: project.institutionRegion as Region,
            ...(project.institutionType !== null && { type: project.institutionType as InstitutionType }),
          },
          field: project.field as IndustryField,
          trl,
          demonstration: cmd.demonstration,
          ...(cmd.landingPlan !== undefined && { landingPlan: cmd.landingPlan }),
          // The center selected it (#18.17); jointly when demonstrated with HQ (与本部开展项目论证).
          attribution: centerAttribution('tjc/research-network', cmd.demonstration.withHq ? 'joint' : 'own'),
        },
        { time: foundAt },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await appendAudit(tx, {
        eventId: event.id,
        actor: ctx.actor,
        action: 'project.found',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { from: project.state, to, foundAt: foundAt.toISOString(), demonstration: cmd.demonstration, landingPlan: cmd.landingPlan ?? null, trl, version: result.version },
      });
      return result;
    });
    return toProjectView(updated, { confidential: true });
  }
}
