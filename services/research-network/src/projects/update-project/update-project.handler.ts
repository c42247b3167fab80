import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { WriteContext } from '../../common/write-context';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { allowedTransitions } from '../project.state-machine';
import { panelFacts, ProjectsService, stateOf, toProjectView, type ProjectView } from '../projects.service';
import type { UpdateProjectCommand } from './update-project.command';

@Injectable()
export class UpdateProjectHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsService,
  ) {}

  async execute(id: string, cmd: UpdateProjectCommand, ctx: WriteContext): Promise<ProjectView> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      this.projects.assertVersion(project, cmd.version);
      const state = stateOf(project);
      // Partner projects are the partner's record, and reviewed files are frozen
      // so experts' scores always refer to what they read.
      if (state !== 'submitted' || project.source !== 'tjc/research-network') {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: project.source === 'tjc/research-network' ? `a project can be edited only while submitted; it is ${state}` : `project ${id} belongs to ${project.source} and is read-only here`,
          currentState: state,
          allowedTransitions: allowedTransitions(state, panelFacts(project)),
        });
      }
      const data: Prisma.ProjectUpdateInput = {
        version: { increment: 1 },
        ...(cmd.title !== undefined && { title: cmd.title }),
        ...(cmd.institution !== undefined && { institutionName: cmd.institution.name, institutionRegion: cmd.institution.region, institutionType: cmd.institution.type ?? null }),
        ...(cmd.field !== undefined && { field: cmd.field }),
        ...(cmd.trl !== undefined && { trl: cmd.trl }),
        ...(cmd.team !== undefined && { team: cmd.team }),
        ...(cmd.summary !== undefined && { summary: cmd.summary }),
        ...(cmd.confidentialDetail !== undefined && { confidentialDetail: cmd.confidentialDetail }),
      };
      const result = await tx.project.update({ where: { id }, data, include: this.projects.include() });
      const { version: _version, confidentialDetail, ...changed } = cmd;
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.updated',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { changed, ...(confidentialDetail !== undefined && { confidentialDetailChanged: true }), version: result.version },
      });
      return result;
    });
    return toProjectView(updated, { confidential: true });
  }
}
