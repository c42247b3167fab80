import { BadRequestException, Injectable } from '@nestjs/common';
import { compareDecimal } from '@tjc/contracts';
import { appendAudit, type FieldError } from '@tjc/runtime';
import { fromDbDate, toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import type { FundingApplication } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { transitionFundingApplication } from '../funding-application-transition';
import { toFundingApplicationView, type FundingApplicationView } from '../funding-application.view';
import type { DeclineFundingCommand, GrantFundingCommand } from './decide-funding-application.command';

/** Same body as the validation pipe's 400 (every broken field listed), so a UI shows each next to its field. */
function refuse(errors: readonly FieldError[]): void {
  if (errors.length === 0) return;
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors });
}

/**
 * A decision cannot precede the application it decides. Checked here, not in
 * the request schema: `appliedOn` is the stored application's, not the body's.
 */
export function decidedOnRefusal(application: Pick<FundingApplication, 'appliedOn'>, decidedOn: string): FieldError | undefined {
  const appliedOn = fromDbDate(application.appliedOn);
  // LocalDate strings (YYYY-MM-DD) order as the dates do.
  return decidedOn < appliedOn ? { path: 'decidedOn', rule: 'custom', message: `must not be before appliedOn (${appliedOn})` } : undefined;
}

/** The grant's checks against the stored application: at most the requested amount, not before appliedOn. */
export function grantRefusals(application: Pick<FundingApplication, 'appliedOn' | 'requestedAmount'>, command: Pick<GrantFundingCommand, 'grantedAmount' | 'decidedOn'>): FieldError[] {
  const errors: FieldError[] = [];
  const requested = application.requestedAmount.toFixed(2);
  if (compareDecimal(command.grantedAmount.amount, requested) > 0) errors.push({ path: 'grantedAmount.amount', rule: 'too_big', message: `must not exceed the requested amount ${requested}` });
  const date = decidedOnRefusal(application, command.decidedOn);
  if (date) errors.push(date);
  return errors;
}

@Injectable()
export class DecideFundingApplicationHandler {
  constructor(private readonly prisma: PrismaService) {}

  grant(id: string, command: GrantFundingCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionFundingApplication(
        tx,
        { id, version: command.version, to: 'granted', data: { grantedAmount: command.grantedAmount.amount, decidedOn: toDbDate(command.decidedOn) } },
        (before) => refuse(grantRefusals(before, command)),
      );
      await appendAudit(tx, { ...ctx, action: 'funding.granted', entityType: 'funding-application', entityId: id, detail: { grantedAmount: command.grantedAmount, decidedOn: command.decidedOn } });
      return toFundingApplicationView(row);
    });
  }

  decline(id: string, command: DeclineFundingCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionFundingApplication(
        tx,
        { id, version: command.version, to: 'declined', data: { declineReason: command.reason, decidedOn: toDbDate(command.decidedOn) } },
        (before) => refuse([decidedOnRefusal(before, command.decidedOn)].filter((e) => e !== undefined)),
      );
      await appendAudit(tx, { ...ctx, action: 'funding.declined', entityType: 'funding-application', entityId: id, detail: { reason: command.reason, decidedOn: command.decidedOn } });
      return toFundingApplicationView(row);
    });
  }
}
