import { NotFoundException } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { staleVersion } from '../shared/conflicts.service';
import { grantLinks, type GrantWithLinks } from './grant-view.service';

/** Loads a grant for a write: 404 when unknown, 409 when the client's version is stale. */
export async function loadGrantForWrite(tx: Tx, id: string, version: number): Promise<GrantWithLinks> {
  const grant = await tx.grant.findUnique({ where: { id }, include: grantLinks });
  if (!grant) throw new NotFoundException(`grant ${id} not found`);
  if (grant.version !== version) throw staleVersion('grant', id, grant.version);
  return grant;
}

/** Updates WHERE id AND version: a concurrent writer that committed first makes this match 0 rows (409). */
export async function updateGrantGuarded(tx: Tx, id: string, version: number, data: Prisma.GrantUpdateManyMutationInput): Promise<void> {
  const { count } = await tx.grant.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw staleVersion('grant', id, (await tx.grant.findUniqueOrThrow({ where: { id } })).version);
}

export async function reloadGrant(tx: Tx, id: string): Promise<GrantWithLinks> {
  return tx.grant.findUniqueOrThrow({ where: { id }, include: grantLinks });
}
