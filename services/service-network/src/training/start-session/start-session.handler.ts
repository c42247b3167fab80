import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionSession } from '../session-transition';
import type { SessionView } from '../training.view';
import type { StartSessionCommand } from './start-session.command';

@Injectable()
export class StartSessionHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: StartSessionCommand, ctx: CommandContext): Promise<SessionView> {
    return this.prisma.$transaction(async (tx) => {
      const { view } = await transitionSession(tx, { id, version: command.version, to: 'in-progress' });
      await appendAudit(tx, { ...ctx, action: 'training-session.started', entityType: 'training-session', entityId: id, detail: {} });
      return view;
    });
  }
}
