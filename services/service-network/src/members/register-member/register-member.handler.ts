import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit, isUniqueViolation, type FieldError } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { toMemberView, type MemberView } from '../member.view';
import type { RegisterMemberCommand } from './register-member.command';

/** 409 naming the field like a 400 does (`errors`), so a UI shows it under the name. */
export function duplicateName(name: string, existingId: string): ConflictException {
  const errors: FieldError[] = [{ path: 'name', rule: 'unique', message: 'a member with this name is already registered' }];
  return new ConflictException({ statusCode: 409, error: 'Conflict', message: `成员已存在: ${name}`, existingId, errors });
}

@Injectable()
export class RegisterMemberHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(command: RegisterMemberCommand, ctx: CommandContext): Promise<MemberView> {
    // Names identify members in receivers and reports: two rows for one park would split its numbers,
    // so " 天开园" and "天开园" are one name.
    const name = command.name.trim();
    try {
      return await this.prisma.$transaction(async (tx) => {
        const existing = await tx.member.findUnique({ where: { name } });
        if (existing) throw duplicateName(name, existing.id);
        const row = await tx.member.create({ data: { name, kind: command.kind, region: command.region, note: command.note ?? null } });
        await appendAudit(tx, { ...ctx, action: 'member.registered', entityType: 'member', entityId: row.id, detail: { ...command, name } });
        return toMemberView(row);
      });
    } catch (error) {
      // Two registrations of one name at the same moment: both saw no row; the unique index refused the second.
      if (isUniqueViolation(error)) {
        const winner = await this.prisma.member.findUnique({ where: { name }, select: { id: true } });
        if (winner) throw duplicateName(name, winner.id);
      }
      throw error;
    }
  }
}
