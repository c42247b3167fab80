import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { notFound } from '../../common/concurrency';
import { allowedTransitions, isState, type StateMachine, type TransitionConflictBody } from '../../common/state-machine';
import { PrismaService } from '../../prisma.service';
import { TRANSFER_LABEL } from '../../transfers/transfer-transition';
import { TransferStateMachine } from '../../transfers/transfer.state-machine';
import { FundingApplicationStateMachine, OPEN_FUNDING_STATUSES } from '../funding-application.state-machine';
import { toFundingApplicationView, type FundingApplicationView } from '../funding-application.view';
import type { ApplyForFundingCommand } from './apply-for-funding.command';

const labelOf = <S extends string>(machine: StateMachine<S>, state: string): string => (isState(machine, state) ? machine.states[state] : state);

/**
 * The two 409s of this endpoint share the state-conflict body (currentState,
 * allowedTransitions), so a UI shows both alike: "the transfer is not landed
 * (its state)" and "an application is open (its state, and what it may
 * become: decide it first)".
 */
export function transferNotLanded(status: string): ConflictException {
  const body: TransitionConflictBody = {
    statusCode: 409,
    error: 'Conflict',
    message: `只有已落地的成果转化项目可申请专项资金（当前为「${labelOf(TransferStateMachine, status)}」）`,
    currentState: status,
    allowedTransitions: allowedTransitions(TransferStateMachine, status),
  };
  return new ConflictException(body);
}

export function applicationAlreadyOpen(open: { readonly id: string; readonly status: string }): ConflictException {
  const body: TransitionConflictBody & { readonly openApplicationId: string } = {
    statusCode: 409,
    error: 'Conflict',
    message: `该项目已有进行中的专项资金申请 ${open.id}（当前为「${labelOf(FundingApplicationStateMachine, open.status)}」）`,
    currentState: open.status,
    allowedTransitions: allowedTransitions(FundingApplicationStateMachine, open.status),
    openApplicationId: open.id,
  };
  return new ConflictException(body);
}

@Injectable()
export class ApplyForFundingHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(transferId: string, command: ApplyForFundingCommand, ctx: CommandContext): Promise<FundingApplicationView> {
    return this.prisma.$transaction(async (tx) => {
      // Lock the transfer row: two coordinators applying at once must not both
      // pass the "no open application" check below.
      const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM transfer WHERE id = ${transferId} FOR UPDATE`;
      const transfer = locked[0];
      if (!transfer) throw notFound(TRANSFER_LABEL, transferId);
      if (transfer.status !== 'landed') throw transferNotLanded(transfer.status);
      const open = await tx.fundingApplication.findFirst({ where: { transferId, status: { in: [...OPEN_FUNDING_STATUSES] } } });
      if (open) throw applicationAlreadyOpen(open);
      const row = await tx.fundingApplication.create({
        data: { transferId, requestedAmount: command.requestedAmount.amount, purpose: command.purpose, appliedOn: toDbDate(command.appliedOn) },
      });
      await appendAudit(tx, { ...ctx, action: 'funding.applied', entityType: 'funding-application', entityId: row.id, detail: { transferId, ...command } });
      await appendAudit(tx, { ...ctx, action: 'transfer.funding-applied', entityType: 'transfer', entityId: transferId, detail: { applicationId: row.id } });
      return toFundingApplicationView(row);
    });
  }
}
