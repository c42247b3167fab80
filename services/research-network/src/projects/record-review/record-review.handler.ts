import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { EVENTS, type Region } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import { ruleViolation } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import { REVIEW_SETTINGS, type ReviewSettings } from '../review-settings';
import type { RecordReviewCommand } from './record-review.command';

export interface ScreeningResult {
  /** Rounded to two decimals, as stored and published. */
  readonly averageScore: number;
  readonly passed: boolean;
}

/** The screening verdict of a complete panel: the mean score against the center's pass bar. */
export function summariseReviews(scores: readonly number[], passScore: number): ScreeningResult {
  if (scores.length === 0) throw new Error('no reviews to summarise');
  const averageScore = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
  return { averageScore, passed: averageScore >= passScore };
}

@Injectable()
export class RecordReviewHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly projects: ProjectsService,
    @Inject(REVIEW_SETTINGS) private readonly settings: ReviewSettings,
  ) {}

  async execute(id: string, cmd: RecordReviewCommand, ctx: WriteContext): Promise<ProjectView> {
    const reviewedAt = instantOrNow(cmd.reviewedAt);
    const updated = await this.prisma.$transaction(async (tx) => {
      const project = await this.projects.lockForUpdate(tx, id);
      const assignment = project.assignments.find((a) => a.expertId === cmd.expertId);
      // State first: reviews of a project no longer under review are a
      // pipeline conflict whoever the expert is.
      this.projects.transition(project, 'record-review');
      if (!assignment) throw ruleViolation([{ path: 'expertId', rule: 'not_on_panel', message: `expert ${cmd.expertId} is not on the review panel of this project` }]);
      if (assignment.score !== null) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${assignment.expert.name} has already reviewed this project`, reviewedAt: assignment.reviewedAt?.toISOString() ?? null });
      }
      await tx.expertAssignment.update({ where: { id: assignment.id }, data: { score: cmd.score, comment: cmd.comment ?? null, reviewedAt } });

      const reviews = project.assignments.map((a) => (a.id === assignment.id ? { ...a, score: cmd.score, comment: cmd.comment ?? null } : a));
      const complete = reviews.every((a) => a.score !== null);
      const result = complete ? summariseReviews(reviews.map((a) => a.score!), this.settings.passScore) : undefined;
      const saved = await tx.project.update({
        where: { id },
        data: {
          version: { increment: 1 },
          ...(result && { averageScore: result.averageScore, screeningPassed: result.passed, reviewCompletedAt: reviewedAt }),
        },
        include: this.projects.include(),
      });
      // The screening event, when this review completes it; the audit row names it (the console's 追踪 link follows it).
      const event = result
        ? await this.events.publish(
            tx,
            EVENTS.projectScreened,
            {
              projectId: id,
              reviews: reviews.map((a) => ({
                expertId: a.expertId,
                expertName: a.expert.name,
                expertRegion: a.expert.region as Region,
                score: a.score!,
                ...(a.comment !== null && { comment: a.comment }),
              })),
              averageScore: result.averageScore,
              passed: result.passed,
            },
            // The screening completes with its last review: that is its business time.
            { time: reviewedAt },
          )
        : undefined;
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'project.review-recorded',
        entityType: 'project',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        ...(event !== undefined && { eventId: event.id }),
        detail: { expertId: cmd.expertId, expertName: assignment.expert.name, score: cmd.score, ...(result && { screening: result }), version: saved.version },
      });
      return saved;
    });
    return toProjectView(updated, { confidential: true });
  }
}
