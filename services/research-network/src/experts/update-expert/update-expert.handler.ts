import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { notFound, staleVersion } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { toExpertView, type ExpertView } from '../experts.service';
import type { UpdateExpertCommand } from './update-expert.command';

/** Changes apply to future panels; reviews already given keep the panel as it was. */
@Injectable()
export class UpdateExpertHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(id: string, cmd: UpdateExpertCommand, ctx: WriteContext): Promise<ExpertView> {
    const expert = await this.prisma.$transaction(async (tx) => {
      const { version, ...changes } = cmd;
      const { count } = await tx.expert.updateMany({
        where: { id, version },
        data: {
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.region !== undefined && { region: changes.region }),
          ...(changes.fields !== undefined && { fields: changes.fields }),
          ...(changes.institutionName !== undefined && { institutionName: changes.institutionName }),
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.conflictInstitutions !== undefined && { conflictInstitutions: changes.conflictInstitutions }),
          ...(changes.active !== undefined && { active: changes.active }),
          version: { increment: 1 },
        },
      });
      const current = await tx.expert.findUnique({ where: { id } });
      if (!current) throw notFound('expert', id);
      if (count === 0) throw staleVersion('expert', id, current.version);
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'expert.updated',
        entityType: 'expert',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { changes, version: current.version },
      });
      return current;
    });
    return toExpertView(expert);
  }
}
