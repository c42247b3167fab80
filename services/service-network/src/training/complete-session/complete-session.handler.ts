import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionSession } from '../session-transition';
import type { CompleteSessionCommand } from './complete-session.command';
import type { SessionView } from '../training.view';

/**
 * Closes the session. It emits nothing: person-times are counted per
 * completion (POST …/completions), so closing a class neither adds nor
 * repeats any, and trainees still enrolled simply did not complete.
 */
@Injectable()
export class CompleteSessionHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: CompleteSessionCommand, ctx: CommandContext): Promise<SessionView> {
    return this.prisma.$transaction(async (tx) => {
      const { view } = await transitionSession(tx, { id, version: command.version, to: 'completed' });
      await appendAudit(tx, { ...ctx, action: 'training-session.completed', entityType: 'training-session', entityId: id, detail: { enrolments: view.enrolments } });
      return view;
    });
  }
}
