import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { IndustryField } from '@tjc/contracts';
import { appendAudit, type FieldError } from '@tjc/runtime';
import { ruleViolation } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import type { AssignExpertsCommand } from './assign-experts.command';

export interface PanelCandidate {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly string[];
  readonly institutionName: string;
  readonly conflictInstitutions: readonly string[];
  readonly active: boolean;
}

/**
 * Institution names are typed by people: "天津大学 " and "天津大学", or
 * full-width and half-width brackets, name the same institution.
 */
export function sameInstitution(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/**
 * Why each candidate may not sit on the panel of this project, as field
 * errors against `expertIds.<i>`: the pool's rules are that an expert
 * reviews only in their fields, is active, and never reviews a project of
 * their own institution (or one they declared a conflict with).
 */
export function panelProblems(project: { field: IndustryField; institutionName: string }, candidates: readonly PanelCandidate[]): FieldError[] {
  const problems: FieldError[] = [];
  candidates.forEach((expert, i) => {
    const path = `expertIds.${i}`;
    if (!expert.active) {
      problems.push({ path, rule: 'expert_inactive', message: `${expert.name} is no longer active in the expert pool` });
    } else if (!expert.fields.includes(project.field)) {
      problems.push({ path, rule: 'field_mismatch', message: `${expert.name} is not an expert in ${project.field}` });
    } else if ([expert.institutionName, ...expert.conflictInstitutions].some((inst) => sameInstitution(inst, project.institutionName))) {
      problems.push({ path, rule: 'conflict_of_interest', message: `${expert.name} has a conflict of interest with ${project.institutionName}` });
    }
  });
  return problems;
}

@Injectable()
export class AssignExpertsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsService,
  ) {}

  async execute(id: string, cmd: AssignExpertsCommand, ctx: WriteContext): Promise<ProjectView> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      this.projects.assertVersion(project, cmd.version);
      const to = this.projects.transition(project, 'assign-experts');

      const found = await tx.expert.findMany({ where: { id: { in: cmd.expertIds } } });
      const byId = new Map(found.map((e) => [e.id, e]));
      const missing = cmd.expertIds.filter((e) => !byId.has(e));
      if (missing.length > 0) {
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `experts not in the pool: ${missing.join(', ')}`, expertIds: missing });
      }
      const candidates = cmd.expertIds.map((e) => byId.get(e)!);
      const problems = panelProblems({ field: project.field as IndustryField, institutionName: project.institutionName }, candidates);
      if (problems.length > 0) throw ruleViolation(problems);

      await tx.expertAssignment.createMany({ data: cmd.expertIds.map((expertId) => ({ id: randomUUID(), projectId: id, expertId })) });
      const result = await tx.project.update({ where: { id }, data: { state: to, version: { increment: 1 } }, include: this.projects.include() });
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.experts-assigned',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { from: project.state, to, experts: candidates.map((e) => ({ id: e.id, name: e.name })), version: result.version },
      });
      return result;
    });
    return toProjectView(updated, { confidential: true });
  }
}
