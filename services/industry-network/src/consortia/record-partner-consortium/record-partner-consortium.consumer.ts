import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type Institution, type PlatformEvent } from '@tjc/contracts';
import { EventPublisher, OnEvent, staleRepublication, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { toDbDate } from '../../shared/business-time';
import { newId } from '../../shared/ids';
import { OWN_SOURCE } from '../consortium.state-machine';
import { judgePartnerLead } from '../lead-judgement';

/** One row per member name: a partner listing an institution twice must not fail the whole report. */
function distinctMembers(members: readonly Institution[]) {
  const seen = new Set<string>();
  return members
    .filter((m) => !seen.has(m.name) && seen.add(m.name))
    .map((m, i) => ({ position: i, institutionId: m.id ?? null, name: m.name, region: m.region, type: m.type ?? null }));
}

/**
 * Records consortia that HQ (Beijing) or the Hebei Center report, with their
 * members, so the coordinator sees the whole region's consortia in one list.
 * The partner owns the record: we keep their id as `externalId` (ids are only
 * unique per publisher) and a re-report replaces our copy, unless it is older
 * than the report held (runtime `staleRepublication`). Their data is
 * recorded as reported, not re-validated against our formation rules: it is
 * their fact, and the contract already checked its shape.
 *
 * Except the lead: whether it is on the center's key-enterprise list, which
 * enterprise it is and where, is the registry's fact (ADR 0015). The claim is
 * judged against the registry at the formation date, a mismatch flagged on the
 * record (`leadJudgement`), and this network states the consortium itself
 * (its own formed event with `restates`, amended on a re-report), which is
 * what the KPI counts.
 */
@Controller()
export class RecordPartnerConsortiumConsumer {
  constructor(private readonly events: EventPublisher) {}

  @OnEvent(EVENTS.consortiumFormed)
  async onConsortiumFormed(@Payload() event: PlatformEvent<'industry.consortium.formed.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    // Our own formations and statements come back on the industry topic: the record already exists.
    if (event.source === OWN_SOURCE) return;
    const tx = ctx.tx;
    const d = event.data;
    const who: Actor = { actor: `event:${event.source}`, eventId: event.id };
    const fields = {
      name: d.name,
      topic: d.topic,
      field: d.field,
      leadEnterpriseId: d.leadEnterprise.id,
      leadEnterprise: d.leadEnterprise,
      projectId: d.projectId ?? null,
      challengeId: d.challengeId ?? null,
      formedOn: toDbDate(d.formedOn),
      reportedAt: new Date(event.time),
    };
    const members = distinctMembers(d.members);
    const existing = await tx.consortium.findUnique({ where: { reportedBy_externalId: { reportedBy: event.source, externalId: d.consortiumId } } });
    // A re-report older than the report held (a May version after the June one) is recorded, not applied.
    const stale = existing && staleRepublication(existing.reportedAt, event.time);
    if (existing && stale) {
      // Audit row's event: the partner's report, carried by the actor (who.eventId); our statement of it is audited by judgePartnerLead.
      await audit(tx, who, 'consortium.partner-update-skipped', 'consortium', existing.id, { externalId: d.consortiumId, name: d.name, ...stale });
      return;
    }
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.consortiumMember.deleteMany({ where: { consortiumId: existing.id } });
      await tx.consortium.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 }, members: { create: members } } });
      // Audit row's event: the partner's report, carried by the actor (who.eventId); our statement of it is audited by judgePartnerLead.
      await audit(tx, who, 'consortium.partner-report-updated', 'consortium', existing.id, { externalId: d.consortiumId, ...d });
    } else {
      id = newId('cs');
      await tx.consortium.create({
        data: { id, ...fields, status: 'formed', origin: 'partner-report', reportedBy: event.source, externalId: d.consortiumId, members: { create: members } },
      });
      // Audit row's event: the partner's report, carried by the actor (who.eventId); our statement of it is audited by judgePartnerLead.
      await audit(tx, who, 'consortium.partner-reported', 'consortium', id, { externalId: d.consortiumId, ...d });
    }
    await judgePartnerLead(this.events, tx, who, { source: event.source, eventId: event.id, time: event.time, consortiumId: d.consortiumId, claimed: d.leadEnterprise, formedOn: d.formedOn, attribution: d.attribution }, id);
  }

}
