import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionFundingApplication } from '../funding-application-transition';
import { reviewScoreOf } from '../funding-application.state-machine';
import { toFundingApplicationView, type FundingApplicationView } from '../funding-application.view';
import type { ReviewFundingApplicationCommand } from './review-funding-application.command';

@Injectable()
export class ReviewFundingApplicationHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: ReviewFundingApplicationCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      const reviewScore = reviewScoreOf(command.reviews.map((r) => r.score));
      const row = await transitionFundingApplication(tx, { id, version: command.version, to: 'reviewed', data: { reviews: command.reviews, reviewScore } });
      await appendAudit(tx, { ...ctx, action: 'funding.reviewed', entityType: 'funding-application', entityId: id, detail: { reviews: command.reviews, reviewScore } });
      return toFundingApplicationView(row);
    });
  }
}
