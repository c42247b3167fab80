import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { toShanghaiIso, type Region } from '@tjc/contracts';
import { appendAudit, type Page } from '@tjc/runtime';
import { toLocalDate } from '../../common/business-time';
import { notFound } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import type { ResourceMatch } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import type { ProjectState } from '../project.state-machine';
import { ProjectsService, stateOf } from '../projects.service';
import type { ListResourceMatchesQuery, MatchResourceCommand, ResourceKind } from './match-resource.command';

/** Resources are matched to selected projects only: matching is what follows a selection. */
export const MATCHABLE_STATES: readonly ProjectState[] = ['found', 'in-joint-research'];

export interface ResourceMatchView {
  readonly id: string;
  readonly projectId: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly provider: { readonly name: string; readonly region: Region | null };
  readonly note: string | null;
  readonly matchedOn: string;
  readonly createdAt: string;
}

const toView = (m: ResourceMatch): ResourceMatchView => ({
  id: m.id,
  projectId: m.projectId,
  kind: m.kind as ResourceKind,
  name: m.name,
  provider: { name: m.providerName, region: m.providerRegion as Region | null },
  note: m.note,
  matchedOn: toLocalDate(m.matchedOn),
  createdAt: m.createdAt.toISOString(),
});

@Injectable()
export class MatchResourceHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsService,
  ) {}

  async execute(projectId: string, cmd: MatchResourceCommand, ctx: WriteContext): Promise<ResourceMatchView> {
    // The Shanghai calendar day, not the server's: a match at 07:00 Beijing time is "today" there.
    const matchedOn = cmd.matchedOn ?? toShanghaiIso(new Date()).slice(0, 10);
    return this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, projectId);
      const state = stateOf(project);
      if (!MATCHABLE_STATES.includes(state)) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `resources are matched to found projects only; this project is ${state}`,
          currentState: state,
          allowedStates: MATCHABLE_STATES,
        });
      }
      const match = await tx.resourceMatch.create({
        data: {
          id: randomUUID(),
          projectId,
          kind: cmd.kind,
          name: cmd.name,
          providerName: cmd.provider.name,
          providerRegion: cmd.provider.region ?? null,
          note: cmd.note ?? null,
          matchedOn: new Date(`${matchedOn}T00:00:00Z`),
        },
      });
      // Audited on the project: the trail of a project shows its whole life, matches included.
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.resource-matched',
        entityType: 'project',
        entityId: projectId,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { matchId: match.id, kind: cmd.kind, name: cmd.name, provider: cmd.provider, matchedOn },
      });
      return toView(match);
    });
  }

  async list(projectId: string, query: ListResourceMatchesQuery): Promise<Page<ResourceMatchView>> {
    if ((await this.prisma.project.count({ where: { id: projectId } })) === 0) throw notFound('project', projectId);
    const where = { projectId, ...(query.kind && { kind: query.kind }) };
    const [rows, total] = await Promise.all([
      this.prisma.resourceMatch.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.resourceMatch.count({ where }),
    ]);
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }
}
