import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tjc/runtime';
import type { Enterprise } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { toDbDate } from '../../shared/business-time';
import { conflict, duplicate } from '../../shared/http-errors';
import { enterpriseView } from '../read-enterprises/read-enterprises.handler';
import type { RegisterEnterpriseCommand } from './register-enterprise.command';

/** 409 naming the field(s) already held: the id, the name, or both (by two different enterprises). */
export function alreadyRegistered(clashes: readonly Pick<Enterprise, 'id' | 'name'>[], id: string, name: string) {
  const [first] = clashes;
  if (!first) return conflict(`企业已登记：${name} / enterprise already registered`);
  const fields = [
    ...(clashes.some((c) => c.id === id) ? [{ path: 'id', message: '该编号已被使用 / this id is already in use' }] : []),
    ...(clashes.some((c) => c.name === name) ? [{ path: 'name', message: '已有同名企业 / an enterprise with this name is already registered' }] : []),
  ];
  return duplicate(`企业已登记：${first.name}（${first.id}） / enterprise already registered`, fields, { existingId: first.id });
}

/** Registers an enterprise. No event: the catalogue has none, the registry is this network's own reference data. */
@Injectable()
export class RegisterEnterpriseHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(cmd: RegisterEnterpriseCommand, who: Actor) {
    const id = cmd.id ?? `ent-${randomUUID()}`;
    // Trimmed as the fund network trims names: " 飞腾 " and "飞腾" are one enterprise, and the unique index must see that.
    const name = cmd.name.trim();
    const clashesOf = (db: Pick<PrismaService, 'enterprise'>) => db.enterprise.findMany({ where: { OR: [{ id }, { name }] }, select: { id: true, name: true }, orderBy: { id: 'asc' }, take: 2 });
    try {
      return await this.prisma.$transaction(async (tx) => {
        const clashes = await clashesOf(tx);
        if (clashes.length > 0) throw alreadyRegistered(clashes, id, name);
        const { keyListedOn, ...fields } = cmd;
        const row = await tx.enterprise.create({ data: { ...fields, id, name } });
        // The registry is the authority of the listing (ADR 0015): a key enterprise gets its period, dated when the date is given.
        if (cmd.isKeyEnterprise) await tx.keyEnterpriseListing.create({ data: { enterpriseId: id, listedOn: keyListedOn === undefined ? null : toDbDate(keyListedOn) } });
        await audit(tx, who, 'enterprise.registered', 'enterprise', id, { ...cmd, id, name });
        return enterpriseView(row);
      });
    } catch (error) {
      // Two concurrent registrations of one name both pass the check above; the unique index decides, and the winner is committed by now.
      if (isUniqueViolation(error)) throw alreadyRegistered(await clashesOf(this.prisma), id, name);
      throw error;
    }
  }
}
