import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { toDetail, type QuarantineDetail } from '../quarantine.view';
import type { ResolveQuarantineBody } from './resolve-quarantine.command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** pending → resolved, once; audited with the note. */
@Injectable()
export class ResolveQuarantineHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(id: string, body: ResolveQuarantineBody, actor: string, requestId?: string): Promise<QuarantineDetail> {
    if (!UUID.test(id)) throw new NotFoundException(`quarantine entry ${id} not found`);
    return this.prisma.$transaction(async (tx) => {
      const current = await tx.quarantine.findUnique({ where: { id } });
      if (!current) throw new NotFoundException(`quarantine entry ${id} not found`);
      if (current.status !== 'pending') {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `quarantine entry ${id} is already ${current.status}`, currentState: current.status, allowedTransitions: [] });
      }
      const expected = body.version ?? current.version;
      const changed = await tx.quarantine.updateMany({
        where: { id, version: expected, status: 'pending' },
        data: { status: 'resolved', note: body.note, resolvedAt: new Date(), resolvedBy: actor, version: { increment: 1 } },
      });
      if (changed.count === 0) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `quarantine entry ${id} was changed meanwhile`, currentVersion: current.version });
      await appendAudit(tx, {
        actor,
        action: 'quarantine.resolve',
        entityType: 'quarantine',
        entityId: id,
        ...(requestId && { requestId }),
        detail: { note: body.note, partner: current.partner, kind: current.kind, eventId: current.eventId },
      });
      return toDetail((await tx.quarantine.findUnique({ where: { id } }))!);
    });
  }
}
