import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { toExpertView, type ExpertView } from '../experts.service';
import type { RegisterExpertCommand } from './register-expert.command';

/** The expert pool is this network's reference data: no catalogue event, the row plus its audit record. */
@Injectable()
export class RegisterExpertHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(cmd: RegisterExpertCommand, ctx: WriteContext): Promise<ExpertView> {
    const expert = await this.prisma.$transaction(async (tx) => {
      const created = await tx.expert.create({
        data: {
          id: randomUUID(),
          name: cmd.name,
          region: cmd.region,
          fields: cmd.fields,
          institutionName: cmd.institutionName,
          title: cmd.title ?? null,
          conflictInstitutions: cmd.conflictInstitutions ?? [],
        },
      });
      await appendAudit(tx, {
        actor: ctx.actor,
        action: 'expert.registered',
        entityType: 'expert',
        entityId: created.id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { ...cmd },
      });
      return created;
    });
    return toExpertView(expert);
  }
}
