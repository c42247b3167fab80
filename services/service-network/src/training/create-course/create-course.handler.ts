import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { toCourseView, type CourseView } from '../training.view';
import type { CreateCourseCommand } from './create-course.command';

@Injectable()
export class CreateCourseHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(command: CreateCourseCommand, ctx: CommandContext): Promise<CourseView> {
    return this.prisma.$transaction(async (tx) => {
      // The same course twice would split its person-times across two ids.
      const duplicate = await tx.course.findUnique({ where: { type_title: { type: command.type, title: command.title } } });
      if (duplicate) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `课程已存在: ${command.title}`, existingId: duplicate.id });
      const row = await tx.course.create({
        data: { type: command.type, title: command.title, description: command.description ?? null, hours: command.hours ?? null },
      });
      await appendAudit(tx, { ...ctx, action: 'course.created', entityType: 'course', entityId: row.id, detail: { ...command } });
      return toCourseView(row);
    });
  }
}
