import { BadRequestException, Injectable } from '@nestjs/common';
import { compareDecimal } from '@tjc/contracts';
import { appendAudit, type FieldError } from '@tjc/runtime';
import { toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionFundingApplication } from '../funding-application-transition';
import { toFundingApplicationView, type FundingApplicationView } from '../funding-application.view';
import type { DeclineFundingCommand, GrantFundingCommand } from './decide-funding-application.command';

@Injectable()
export class DecideFundingApplicationHandler {
  constructor(private readonly prisma: PrismaService) {}

  grant(id: string, command: GrantFundingCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionFundingApplication(
        tx,
        { id, version: command.version, to: 'granted', data: { grantedAmount: command.grantedAmount.amount, decidedOn: toDbDate(command.decidedOn) } },
        (before) => {
          const requested = before.requestedAmount.toFixed(2);
          if (compareDecimal(command.grantedAmount.amount, requested) > 0) {
            // Same body as the validation pipe's 400, so a UI shows it next to the field.
            const errors: FieldError[] = [{ path: 'grantedAmount.amount', rule: 'too_big', message: `must not exceed the requested amount ${requested}` }];
            throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `grantedAmount.amount: ${errors[0]!.message}`, errors });
          }
        },
      );
      await appendAudit(tx, { ...ctx, action: 'funding.granted', entityType: 'funding-application', entityId: id, detail: { grantedAmount: command.grantedAmount, decidedOn: command.decidedOn } });
      return toFundingApplicationView(row);
    });
  }

  decline(id: string, command: DeclineFundingCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionFundingApplication(tx, { id, version: command.version, to: 'declined', data: { declineReason: command.reason, decidedOn: toDbDate(command.decidedOn) } });
      await appendAudit(tx, { ...ctx, action: 'funding.declined', entityType: 'funding-application', entityId: id, detail: { reason: command.reason, decidedOn: command.decidedOn } });
      return toFundingApplicationView(row);
    });
  }
}
