import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { toMemberView, type MemberView } from '../members.service';
import type { RegisterMemberCommand } from './register-member.command';

/**
 * Members are reference data of this network: no catalogue event exists for
 * them, so the write is the row plus its audit record.
 */
@Injectable()
export class RegisterMemberHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(cmd: RegisterMemberCommand, ctx: WriteContext): Promise<MemberView> {
    const member = await this.prisma.$transaction(async (tx) => {
      const clash = await tx.member.findUnique({ where: { name: cmd.name } });
      if (clash) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${cmd.name} is already a member`, existingId: clash.id });
      const created = await tx.member.create({ data: { id: randomUUID(), name: cmd.name, region: cmd.region, type: cmd.type, note: cmd.note ?? null } });
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'member.registered',
        entityType: 'member',
        entityId: created.id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { ...cmd },
      });
      return created;
    });
    return toMemberView(member);
  }
}
