import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type PlatformEvent } from '@tjc/contracts';
import { OnEvent, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { audit } from '../../shared/audit';
import { newId } from '../../shared/ids';

/**
 * A project was found (by our research network or a partner): each OPEN
 * demand of the same field becomes a candidate consortium — the project's
 * institution researching the demanding enterprise's problem — listed at
 * GET /suggestions and GET /demands/:id/suggestions. Matching is by field
 * only, deliberately: the coordinator judges fit; the service only makes
 * sure no candidate is missed. A project found twice (our network and HQ
 * both report it) suggests each demand once.
 */
@Controller()
export class SuggestOnProjectFoundConsumer {
  @OnEvent(EVENTS.projectFound)
  async onProjectFound(@Payload() event: PlatformEvent<'research.project.found.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const tx = ctx.tx;
    const d = event.data;
    const demands = await tx.demand.findMany({ where: { status: 'open', field: d.field }, select: { id: true, enterpriseId: true } });
    if (demands.length === 0) return;
    const already = await tx.suggestion.findMany({ where: { projectId: d.projectId, demandId: { in: demands.map((m) => m.id) } }, select: { demandId: true } });
    const known = new Set(already.map((s) => s.demandId));
    for (const demand of demands.filter((m) => !known.has(m.id))) {
      const id = newId('sg');
      await tx.suggestion.create({
        data: {
          id,
          projectId: d.projectId,
          projectTitle: d.title,
          projectField: d.field,
          projectInstitution: d.institution,
          projectTrl: d.trl,
          projectSource: event.source,
          demandId: demand.id,
          enterpriseId: demand.enterpriseId,
          eventId: event.id,
        },
      });
      await audit(tx, { actor: `event:${event.source}`, eventId: event.id }, 'demand.suggestion-added', 'demand', demand.id, {
        suggestionId: id,
        projectId: d.projectId,
        projectTitle: d.title,
        institution: d.institution.name,
      });
    }
  }
}
