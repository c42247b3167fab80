import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import type { SubmitProjectCommand } from './submit-project.command';

@Injectable()
export class SubmitProjectHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly projects: ProjectsService,
  ) {}

  async execute(cmd: SubmitProjectCommand, ctx: WriteContext): Promise<ProjectView> {
    const id = randomUUID();
    const submittedAt = instantOrNow(cmd.submittedAt);
    const project = await this.prisma.$transaction(async (tx) => {
      const created = await tx.project.create({
        data: {
          id,
          source: this.events.source,
          title: cmd.title,
          institutionName: cmd.institution.name,
          institutionRegion: cmd.institution.region,
          institutionType: cmd.institution.type ?? null,
          field: cmd.field,
          trl: cmd.trl,
          team: cmd.team,
          summary: cmd.summary,
          confidentialDetail: cmd.confidentialDetail ?? null,
          state: 'submitted',
          submittedAt,
        },
        include: this.projects.include(),
      });
      // Public summary only: the event goes to every network and to partners.
      const event = await this.events.publish(
        tx,
        EVENTS.projectSubmitted,
        { projectId: id, title: cmd.title, institution: cmd.institution, field: cmd.field, trl: cmd.trl, team: cmd.team, summary: cmd.summary, submittedVia: 'coordinator' },
        { time: submittedAt },
      );
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.submitted',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        // The event this change published: the console's 追踪 link of the audit row follows it.
        eventId: event.id,
        // The confidential detail stays out of the audit log too: only whether there is one.
        detail: { title: cmd.title, institution: cmd.institution, field: cmd.field, trl: cmd.trl, hasConfidentialDetail: cmd.confidentialDetail !== undefined },
      });
      return created;
    });
    return toProjectView(project, { confidential: true });
  }
}
