import { ConflictException, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Institution, Money, Name, Text, type IndustryField, type InstitutionType, type Region, type RejectionReason, type Source } from '@tjc/contracts';
import type { Prisma } from '../generated/prisma/client';
import { notFound, staleVersion } from '../common/http-errors';
import type { Tx } from '../prisma.service';
import { allowedTransitions, decide, isProjectState, type AllowedTransition, type PanelFacts, type ProjectAction, type ProjectState } from './project.state-machine';

export const TeamMember = z.object({ name: Name, role: Text(100).optional() });
export type TeamMember = z.infer<typeof TeamMember>;
export const Team = z.array(TeamMember).min(1).max(50);

export const LandingPlan = z
  .object({
    summary: Text(2000),
    targetPark: Name.optional(),
    fundingNeed: Money.optional(),
  })
  .meta({ description: '在津落地计划 / Plan to land in Tianjin' });
export type LandingPlan = z.infer<typeof LandingPlan>;

export const ProjectInstitution = Institution.omit({ id: true });

export type ProjectWithPanel = Prisma.ProjectGetPayload<{ include: { assignments: { include: { expert: true } } } }>;
const withPanel = { assignments: { include: { expert: true }, orderBy: { assignedAt: 'asc' } } } as const satisfies Prisma.ProjectInclude;

export interface PanelMemberView {
  readonly expertId: string;
  readonly expertName: string;
  readonly expertRegion: Region;
  readonly score: number | null;
  readonly comment: string | null;
  readonly reviewedAt: string | null;
}

export interface ProjectView {
  readonly id: string;
  readonly source: Source;
  readonly title: string;
  readonly institution: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly field: IndustryField;
  readonly trl: number;
  readonly team: readonly TeamMember[];
  readonly summary: string | null;
  /** Present only for research coordinators and center admins. */
  readonly confidentialDetail?: string | null;
  readonly state: ProjectState;
  readonly allowedTransitions: readonly AllowedTransition[];
  readonly submittedAt: string | null;
  readonly review: {
    readonly panel: readonly PanelMemberView[];
    readonly averageScore: number | null;
    readonly passed: boolean | null;
    readonly completedAt: string | null;
  };
  readonly demonstration: { readonly startedAt: string | null; readonly withHq: boolean | null; readonly conclusion: string | null };
  readonly foundAt: string | null;
  readonly landingPlan: LandingPlan | null;
  readonly rejection: { readonly stage: string; readonly reason: RejectionReason; readonly detail: string | null; readonly rejectedAt: string | null } | null;
  readonly consortiumIds: readonly string[];
  readonly jointResearchSince: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function stateOf(project: { id: string; state: string }): ProjectState {
  // Only this service writes the column, through the state machine.
  if (!isProjectState(project.state)) throw new Error(`project ${project.id} has unknown state ${project.state}`);
  return project.state;
}

export function panelFacts(project: ProjectWithPanel): PanelFacts {
  return {
    assignedExperts: project.assignments.length,
    reviewsIn: project.assignments.filter((a) => a.score !== null).length,
    screeningPassed: project.screeningPassed,
  };
}

/**
 * Row → API view. The vocabulary columns hold keys validated on the way in
 * (API or event contract), hence the narrowing casts.
 */
export function toProjectView(p: ProjectWithPanel, options: { confidential: boolean }): ProjectView {
  const state = stateOf(p);
  return {
    id: p.id,
    source: p.source as Source,
    title: p.title,
    institution: { name: p.institutionName, region: p.institutionRegion as Region, ...(p.institutionType !== null && { type: p.institutionType as InstitutionType }) },
    field: p.field as IndustryField,
    trl: p.trl,
    team: z.array(TeamMember).parse(p.team),
    summary: p.summary,
    ...(options.confidential && { confidentialDetail: p.confidentialDetail }),
    state,
    allowedTransitions: allowedTransitions(state, panelFacts(p)),
    submittedAt: iso(p.submittedAt),
    review: {
      panel: p.assignments.map((a) => ({
        expertId: a.expertId,
        expertName: a.expert.name,
        expertRegion: a.expert.region as Region,
        score: a.score,
        comment: a.comment,
        reviewedAt: iso(a.reviewedAt),
      })),
      averageScore: p.averageScore === null ? null : p.averageScore.toNumber(),
      passed: p.screeningPassed,
      completedAt: iso(p.reviewCompletedAt),
    },
    demonstration: { startedAt: iso(p.demonstrationStartedAt), withHq: p.demonstrationWithHq, conclusion: p.demonstrationConclusion },
    foundAt: iso(p.foundAt),
    landingPlan: p.landingPlan === null ? null : LandingPlan.parse(p.landingPlan),
    rejection:
      p.rejectionReason === null
        ? null
        : { stage: p.rejectionStage ?? 'screening', reason: p.rejectionReason as RejectionReason, detail: p.rejectionDetail, rejectedAt: iso(p.rejectedAt) },
    consortiumIds: p.consortiumIds,
    jointResearchSince: iso(p.jointResearchSince),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Loading and guarding projects inside a command's transaction. */
@Injectable()
export class ProjectsService {
  /**
   * Locks the project row for the rest of the transaction, then loads it
   * with its panel. The lock serialises commands on one project, so e.g.
   * two last reviews arriving together cannot both complete the screening.
   */
  async lockForUpdate(tx: Tx, id: string): Promise<ProjectWithPanel> {
    await tx.$queryRaw`SELECT 1 FROM project WHERE id = ${id} FOR UPDATE`;
    const project = await tx.project.findUnique({ where: { id }, include: withPanel });
    if (!project) throw notFound('project', id);
    return project;
  }

  /** Plain read (no lock), in a transaction or on the client. */
  async load(db: Pick<Tx, 'project'>, id: string): Promise<ProjectWithPanel> {
    const project = await db.project.findUnique({ where: { id }, include: withPanel });
    if (!project) throw notFound('project', id);
    return project;
  }

  /** 409 for a stale version (optimistic concurrency). */
  assertVersion(project: ProjectWithPanel, version: number): void {
    if (project.version !== version) throw staleVersion('project', project.id, project.version);
  }

  /** 409 with the current state and the allowed transitions when `action` may not happen now. */
  transition(project: ProjectWithPanel, action: ProjectAction): ProjectState {
    const decision = decide(stateOf(project), action, panelFacts(project));
    if (!decision.ok) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: decision.message,
        currentState: decision.currentState,
        allowedTransitions: decision.allowedTransitions,
      });
    }
    return decision.to;
  }

  include() {
    return withPanel;
  }
}
