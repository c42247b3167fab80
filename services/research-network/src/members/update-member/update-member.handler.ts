import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { notFound, staleVersion } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { toMemberView, type MemberView } from '../members.service';
import type { UpdateMemberCommand } from './update-member.command';

@Injectable()
export class UpdateMemberHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(id: string, cmd: UpdateMemberCommand, ctx: WriteContext): Promise<MemberView> {
    const member = await this.prisma.$transaction(async (tx) => {
      const { version, ...changes } = cmd;
      if (changes.name !== undefined) {
        const clash = await tx.member.findUnique({ where: { name: changes.name } });
        if (clash && clash.id !== id) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${changes.name} is already a member`, existingId: clash.id });
      }
      // WHERE id AND version: a concurrent edit makes this match no row.
      const { count } = await tx.member.updateMany({
        where: { id, version },
        data: {
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.region !== undefined && { region: changes.region }),
          ...(changes.type !== undefined && { type: changes.type }),
          ...(changes.note !== undefined && { note: changes.note }),
          version: { increment: 1 },
        },
      });
      const current = await tx.member.findUnique({ where: { id } });
      if (!current) throw notFound('member', id);
      if (count === 0) throw staleVersion('member', id, current.version);
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'member.updated',
        entityType: 'member',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { changes, version: current.version },
      });
      return current;
    });
    return toMemberView(member);
  }
}
