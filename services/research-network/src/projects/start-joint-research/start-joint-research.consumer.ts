import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { decide } from '../project.state-machine';
import { panelFacts, ProjectsService, stateOf } from '../projects.service';

/**
 * industry.consortium.formed.v1 with a projectId of ours: the found project
 * goes into joint research with the consortium (创新联合体).
 */
@Controller()
export class StartJointResearchConsumer {
  private readonly logger = new Logger(StartJointResearchConsumer.name);

  constructor(private readonly projects: ProjectsService) {}

  @OnEvent(EVENTS.consortiumFormed)
  async onConsortiumFormed(@Payload() event: PlatformEvent<'industry.consortium.formed.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const { projectId, consortiumId } = event.data;
    // The industry network restating a partner's report (ADR 0015) is the same consortium under the industry
    // network's id: the partner's own event already linked the project, a second link would double it.
    // Only the industry network restates: `restates` in anyone else's event changes nothing here.
    if (event.data.restates !== undefined && event.source === 'tjc/industry-network') return;
    // Most consortia answer an enterprise's challenge, not one of our projects.
    if (projectId === undefined) return;
    const project = await ctx.tx.project.findUnique({ where: { id: projectId }, include: this.projects.include() });
    if (!project) {
      this.logger.log(`consortium ${consortiumId} names project ${projectId}, which is not in the research pipeline; ignored`);
      return;
    }
    // A resend of the same formation under a new event id changes nothing.
    if (project.consortiumIds.includes(consortiumId)) return;

    const state = stateOf(project);
    const decision = decide(state, 'start-joint-research', panelFacts(project));
    // Joint research begins once; a second consortium on the same project is
    // recorded beside the first. A consortium formed before the project was
    // found is recorded without moving the pipeline (and audited as such),
    // rather than dead-lettered: the fact is real, only the order is unusual.
    const to = decision.ok ? decision.to : state;
    const jointResearchSince = new Date(event.time);
    await ctx.tx.project.update({
      where: { id: projectId },
      data: {
        state: to,
        consortiumIds: { push: consortiumId },
        ...(decision.ok && { jointResearchSince }),
        version: { increment: 1 },
      },
    });
    await appendAudit(ctx.tx, {
      actor: `event:${event.source}`,
      action: decision.ok ? 'project.joint-research-started' : 'project.consortium-linked',
      entityType: 'project',
      entityId: projectId,
      eventId: event.id,
      detail: {
        consortiumId,
        consortiumName: event.data.name,
        leadEnterprise: event.data.leadEnterprise.name,
        from: state,
        to,
        ...(!decision.ok && { note: decision.message }),
      },
    });
  }
}
