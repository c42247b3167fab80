import { Injectable } from '@nestjs/common';
import { EventPublisher, isUniqueViolation } from '@tjc/runtime';
import type { Enterprise } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { todayInShanghai } from '../../shared/business-time';
import { delistKey, listKey } from '../key-listing/key-listing.handler';
import { assertVersion, duplicate, notFound, staleVersion } from '../../shared/http-errors';
import { enterpriseView } from '../read-enterprises/read-enterprises.handler';
import type { UpdateEnterpriseCommand } from './update-enterprise.command';

/**
 * Changes an enterprise, e.g. puts it on the key-enterprise list. Events
 * already published keep the snapshot they carried: they state what was true then.
 */
@Injectable()
export class UpdateEnterpriseHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  private async changeListing(tx: Tx, e: Enterprise, isKeyEnterprise: boolean | undefined, who: Actor) {
    if (isKeyEnterprise === undefined || isKeyEnterprise === e.isKeyEnterprise) return enterpriseView(e);
    const today = todayInShanghai();
    const changed = isKeyEnterprise ? await listKey(tx, this.events, e.id, e.version, today, who, 'isKeyEnterprise') : await delistKey(tx, this.events, e.id, e.version, today, who, 'isKeyEnterprise');
    const { consortiaRejudged: _, ...view } = changed;
    return view;
  }

  async execute(id: string, cmd: UpdateEnterpriseCommand, who: Actor) {
    // The listing is dated (ADR 0015): a flag changed here opens or closes a period today, as the key-listing endpoints do with today's date.
    const { version, isKeyEnterprise, ...rest } = cmd;
    // Trimmed as on registration (and as the fund network does), so a padded name neither differs from nor duplicates the plain one.
    const given = { ...rest, ...(rest.name !== undefined && { name: rest.name.trim() }) };
    // exactOptionalPropertyTypes: Prisma takes an absent field, not `undefined`.
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as { [K in keyof typeof given]?: Exclude<(typeof given)[K], undefined> };
    try {
      return await this.prisma.$transaction(async (tx) => {
        const before = await tx.enterprise.findUnique({ where: { id } });
        if (!before) throw notFound('企业 enterprise', id);
        assertVersion('企业 enterprise', id, before.version, version);
        if (Object.keys(changes).length === 0) return this.changeListing(tx, before, isKeyEnterprise, who);
        // One request, one version step: when the listing changes too, its own step (listKey/delistKey) is the one.
        const listingChanges = isKeyEnterprise !== undefined && isKeyEnterprise !== before.isKeyEnterprise;
        const { count } = await tx.enterprise.updateMany({ where: { id, version }, data: { ...changes, ...(!listingChanges && { version: { increment: 1 } }) } });
        if (count === 0) {
          const now = await tx.enterprise.findUniqueOrThrow({ where: { id } });
          throw staleVersion('企业 enterprise', id, now.version);
        }
        const after = await tx.enterprise.findUniqueOrThrow({ where: { id } });
        const changed = Object.fromEntries(
          Object.entries(changes)
            .filter(([k, v]) => v !== undefined && before[k as keyof typeof before] !== v)
            .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
        );
        await audit(tx, who, 'enterprise.updated', 'enterprise', id, { changed, version: listingChanges ? after.version + 1 : after.version });
        return this.changeListing(tx, after, isKeyEnterprise, who);
      });
    } catch (error) {
      // Only the name is unique among the fields a change may set.
      if (isUniqueViolation(error)) throw duplicate(`企业名称已被使用：${given.name ?? ''} / name already in use`, [{ path: 'name', message: '已有同名企业 / an enterprise with this name is already registered' }]);
      throw error;
    }
  }
}
