import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma.service';
import { audit, isUniqueViolation, type Actor } from '../../shared/audit';
import { conflict } from '../../shared/http-errors';
import { enterpriseView } from '../read-enterprises/read-enterprises.handler';
import type { RegisterEnterpriseCommand } from './register-enterprise.command';

/** Registers an enterprise. No event: the catalogue has none, the registry is this network's own reference data. */
@Injectable()
export class RegisterEnterpriseHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(cmd: RegisterEnterpriseCommand, who: Actor) {
    const id = cmd.id ?? `ent-${randomUUID()}`;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const clash = await tx.enterprise.findFirst({ where: { OR: [{ id }, { name: cmd.name }] } });
        if (clash) throw conflict(`企业已登记：${clash.name}（${clash.id}） / enterprise already registered`, { existingId: clash.id });
        const row = await tx.enterprise.create({ data: { ...cmd, id } });
        await audit(tx, who, 'enterprise.registered', 'enterprise', id, { ...cmd, id });
        return enterpriseView(row);
      });
    } catch (error) {
      // Two concurrent registrations of one name both pass the check above; the unique index decides.
      if (isUniqueViolation(error)) throw conflict(`企业已登记：${cmd.name} / enterprise already registered`);
      throw error;
    }
  }
}
