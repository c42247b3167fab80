import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { actorOf, type Principal } from '@tjc/auth';
import { ContractViolation, EVENTS } from '@tjc/contracts';
import { appendAudit, publishInTx } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import type { SubmitCorrectionCommand } from './submit-correction.command';

/** Publishes `center.event.corrected.v1` as tjc/center, which may correct any publisher's event. */
@Injectable()
export class SubmitCorrectionHandler {
  constructor(private readonly prisma: PrismaService) {}

  async submit(command: SubmitCorrectionCommand, principal: Principal, requestId?: string) {
    const correctionId = `corr-${randomUUID()}`;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const event = await publishInTx(
          tx,
          EVENTS.eventCorrected,
          { correctionId, target: command.target, action: command.action, reason: command.reason, ...(command.replacement !== undefined && { replacement: command.replacement }) },
          { source: 'tjc/center' },
        );
        await appendAudit(tx, {
          actor: actorOf(principal),
          action: `kpi.event.${command.action === 'retract' ? 'retracted' : 'amended'}`,
          entityType: 'corrected-event',
          entityId: `${command.target.source}/${command.target.id}`,
          eventId: event.id,
          ...(requestId && { requestId }),
          detail: { correctionId, target: command.target, action: command.action, reason: command.reason },
        });
        return { status: 'accepted', correctionId, eventId: event.id };
      });
    } catch (error) {
      // An amendment whose replacement is not valid data of the target's type.
      if (error instanceof ContractViolation) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: error.message,
          errors: error.issues.map((i) => ({ path: i.path.replace(/^data\./, ''), rule: i.rule, message: i.message })),
        });
      }
      throw error;
    }
  }
}
