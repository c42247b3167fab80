import { Injectable } from '@nestjs/common';
import { EventPublisher } from '@tjc/runtime';
import { rejudgeConsortiaLedBy } from '../../consortia/lead-judgement';
import type { Enterprise, KeyEnterpriseListing } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { fromDbDate, toDbDate } from '../../shared/business-time';
import { assertVersion, conflict, fieldError, notFound, staleVersion } from '../../shared/http-errors';
import { enterpriseView } from '../read-enterprises/read-enterprises.handler';

export function listingView(p: KeyEnterpriseListing) {
  return { listedOn: p.listedOn ? fromDbDate(p.listedOn) : null, delistedOn: p.delistedOn ? fromDbDate(p.delistedOn) : null, createdAt: p.createdAt.toISOString() };
}

/**
 * Puts an enterprise on the center's key-enterprise list, or takes it off,
 * from a date (列入 / 移出天津中心重点企业名单). The registry is the authority
 * of this fact (ADR 0015): the periods say on which dates it held, and every
 * consortium the enterprise leads whose judgement changes is amended in the
 * same transaction, so the KPI follows.
 */
@Injectable()
export class KeyListingHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  list(id: string, version: number, listedOn: string, who: Actor) {
    return this.prisma.$transaction((tx) => listKey(tx, this.events, id, version, listedOn, who, 'listedOn'));
  }

  delist(id: string, version: number, delistedOn: string, who: Actor) {
    return this.prisma.$transaction((tx) => delistKey(tx, this.events, id, version, delistedOn, who, 'delistedOn'));
  }

  async periods(id: string) {
    const enterprise = await this.prisma.enterprise.findUnique({ where: { id } });
    if (!enterprise) throw notFound('企业 enterprise', id);
    const items = await this.prisma.keyEnterpriseListing.findMany({ where: { enterpriseId: id }, orderBy: [{ listedOn: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] });
    return { enterpriseId: id, isKeyEnterprise: enterprise.isKeyEnterprise, items: items.map(listingView) };
  }
}

async function lockedEnterprise(tx: Tx, id: string, version: number): Promise<Enterprise> {
  const before = await tx.enterprise.findUnique({ where: { id } });
  if (!before) throw notFound('企业 enterprise', id);
  assertVersion('企业 enterprise', id, before.version, version);
  return before;
}

async function bump(tx: Tx, id: string, version: number, isKeyEnterprise: boolean): Promise<Enterprise> {
  const { count } = await tx.enterprise.updateMany({ where: { id, version }, data: { isKeyEnterprise, version: { increment: 1 } } });
  if (count === 0) throw staleVersion('企业 enterprise', id, (await tx.enterprise.findUniqueOrThrow({ where: { id } })).version);
  return tx.enterprise.findUniqueOrThrow({ where: { id } });
}

/** Opens a listing period from `listedOn`; shared with PATCH isKeyEnterprise (dated today). */
export async function listKey(tx: Tx, events: EventPublisher, id: string, version: number, listedOn: string, who: Actor, path: string) {
  const before = await lockedEnterprise(tx, id, version);
  const periods = await tx.keyEnterpriseListing.findMany({ where: { enterpriseId: id } });
  if (periods.some((p) => p.delistedOn === null)) throw conflict(`${before.name} 已在重点企业名单内 / already on the key-enterprise list`, { enterpriseId: id });
  const lastEnd = periods.map((p) => fromDbDate(p.delistedOn!)).sort().at(-1);
  if (lastEnd !== undefined && listedOn < lastEnd) {
    throw fieldError(path, 'overlaps_listing', `不能早于上次移出名单之日 ${lastEnd} / must not be before the last delisting (${lastEnd})`);
  }
  await tx.keyEnterpriseListing.create({ data: { enterpriseId: id, listedOn: toDbDate(listedOn) } });
  const after = await bump(tx, id, version, true);
  const rejudged = await rejudgeConsortiaLedBy(events, tx, after, who);
  // Audit row's event: none, the enterprise's listing publishes none; each rejudged consortium's own row names its amendment.
  await audit(tx, who, 'enterprise.key-listed', 'enterprise', id, { listedOn, version: after.version, consortiaRejudged: rejudged });
  return { ...enterpriseView(after), consortiaRejudged: rejudged };
}

/** Closes the open listing period on `delistedOn` (the first day off the list). */
export async function delistKey(tx: Tx, events: EventPublisher, id: string, version: number, delistedOn: string, who: Actor, path: string) {
  const before = await lockedEnterprise(tx, id, version);
  const open = await tx.keyEnterpriseListing.findFirst({ where: { enterpriseId: id, delistedOn: null } });
  if (!open) throw conflict(`${before.name} 不在重点企业名单内 / not on the key-enterprise list`, { enterpriseId: id });
  if (open.listedOn !== null && delistedOn <= fromDbDate(open.listedOn)) {
    throw fieldError(path, 'before_listing', `须晚于列入名单之日 ${fromDbDate(open.listedOn)} / must be after the listing date`);
  }
  await tx.keyEnterpriseListing.update({ where: { id: open.id }, data: { delistedOn: toDbDate(delistedOn) } });
  const after = await bump(tx, id, version, false);
  const rejudged = await rejudgeConsortiaLedBy(events, tx, after, who);
  // Audit row's event: none, the enterprise's listing publishes none; each rejudged consortium's own row names its amendment.
  await audit(tx, who, 'enterprise.key-delisted', 'enterprise', id, { delistedOn, version: after.version, consortiaRejudged: rejudged });
  return { ...enterpriseView(after), consortiaRejudged: rejudged };
}

