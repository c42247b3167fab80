import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { toMemberView, type MemberView } from '../member.view';
import type { RegisterMemberCommand } from './register-member.command';

@Injectable()
export class RegisterMemberHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(command: RegisterMemberCommand, ctx: CommandContext): Promise<MemberView> {
    return this.prisma.$transaction(async (tx) => {
      // Names identify members in receivers and reports: two rows for one park would split its numbers.
      const existing = await tx.member.findUnique({ where: { name: command.name } });
      if (existing) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `成员已存在: ${command.name}`, existingId: existing.id });
      const row = await tx.member.create({ data: { name: command.name, kind: command.kind, region: command.region, note: command.note ?? null } });
      await appendAudit(tx, { ...ctx, action: 'member.registered', entityType: 'member', entityId: row.id, detail: { ...command } });
      return toMemberView(row);
    });
  }
}
