/**
 * The registry is the authority of a consortium's lead (#18.14, ADR 0015):
 * whether it is on the center's key-enterprise list (列入天津中心重点企业名单)
 * at the formation date, which enterprise it is and where it is registered.
 * A partner's report is recorded as they sent it; what counts is this
 * network's own statement of the consortium, judged here against the
 * registry, published once as industry.consortium.formed.v1 and amended
 * (center.event.corrected.v1, by us, of our own event) whenever the judgement
 * changes — a re-report, or a listing dated before the formation.
 */
import { centerAttribution, Enterprise as EnterpriseSnapshot, EVENTS, IndustryField, Institution, SOURCES, type Attribution, type EventDataInput, type Source } from '@tjc/contracts';
import type { EventPublisher } from '@tjc/runtime';
import { enterpriseSnapshot } from '../enterprises/read-enterprises/read-enterprises.handler';
import type { Enterprise, KeyEnterpriseListing } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { audit, type Actor } from '../shared/audit';
import { fromDbDate, toDbDate } from '../shared/business-time';
import { newId } from '../shared/ids';
import { memberView, withMembers, type ConsortiumRow } from './read-consortia/read-consortia.handler';

export type ListingPeriod = Pick<KeyEnterpriseListing, 'listedOn' | 'delistedOn'>;

/** On the list on `date` (YYYY-MM-DD): a period began on or before it (or has no recorded start) and had not ended by it. */
export function isListedOn(periods: readonly ListingPeriod[], date: string): boolean {
  const day = toDbDate(date).getTime();
  return periods.some((p) => (p.listedOn === null || p.listedOn.getTime() <= day) && (p.delistedOn === null || day < p.delistedOn.getTime()));
}

/** The lead as the registry states it on `formedOn`. */
export async function registryLead(tx: Tx, enterprise: Enterprise, formedOn: string): Promise<EnterpriseSnapshot> {
  const periods = await tx.keyEnterpriseListing.findMany({ where: { enterpriseId: enterprise.id } });
  return EnterpriseSnapshot.parse({ ...enterpriseSnapshot(enterprise), isKeyEnterprise: isListedOn(periods, formedOn) });
}

/** The registry enterprise a partner means: our id under the same name, else the same name (ids are only unique per publisher). */
export async function matchRegistry(tx: Tx, claimed: EnterpriseSnapshot): Promise<Enterprise | null> {
  const name = claimed.name.trim();
  const byId = await tx.enterprise.findUnique({ where: { id: claimed.id } });
  if (byId && byId.name === name) return byId;
  return tx.enterprise.findUnique({ where: { name } });
}

export type LeadMismatch = 'not-in-registry' | 'isKeyEnterprise' | 'region';

/** A partner's claim about its lead against the registry, kept on the record (`leadJudgement`) and shown by the API. */
export interface LeadJudgement {
  readonly judgedOn: string;
  /** The partner's event our statement restates. */
  readonly restates: Restates;
  readonly claimed: { readonly id: string; readonly name: string; readonly region: string; readonly isKeyEnterprise: boolean };
  readonly registryId: string | null;
  readonly stated: { readonly region: string; readonly isKeyEnterprise: boolean };
  /** What the claim says that the registry does not; empty when they agree. */
  readonly mismatches: readonly LeadMismatch[];
  readonly flagged: boolean;
  /** Who organised it and the center's part, as the partner stated it (#18.17); our restatement carries it on. */
  readonly attribution?: Attribution;
}

export function judgeClaim(claimed: EnterpriseSnapshot, registry: Enterprise | null, stated: EnterpriseSnapshot, formedOn: string, restates: Restates): LeadJudgement {
  const mismatches: LeadMismatch[] = [];
  if (registry === null) mismatches.push('not-in-registry');
  if (claimed.isKeyEnterprise !== stated.isKeyEnterprise) mismatches.push('isKeyEnterprise');
  if (registry !== null && claimed.region !== registry.region) mismatches.push('region');
  return {
    judgedOn: formedOn,
    restates,
    claimed: { id: claimed.id, name: claimed.name, region: claimed.region, isKeyEnterprise: claimed.isKeyEnterprise },
    registryId: registry?.id ?? null,
    stated: { region: stated.region, isKeyEnterprise: stated.isKeyEnterprise },
    mismatches,
    // An unknown lead the partner does not call key is simply not ours: nothing to flag.
    flagged: mismatches.some((m) => m !== 'not-in-registry') || (registry === null && claimed.isKeyEnterprise),
  };
}

/** The lead this network states for an enterprise it does not know: as reported, but not on our list. */
export function unknownLead(claimed: EnterpriseSnapshot): EnterpriseSnapshot {
  return EnterpriseSnapshot.parse({ ...claimed, isKeyEnterprise: false });
}

export interface Restates {
  readonly source: Source;
  readonly eventId: string;
  readonly consortiumId: string;
}

/**
 * The attribution our statement carries (#18.17): ours are the center's own; a
 * partner's report keeps the attribution the partner stated, and one that
 * stated none is the partner's alone. Without this the restatement, published
 * by a network service, would be read as the center's own and count.
 */
export function restatedAttribution(restates: Restates | undefined, stated: Attribution | undefined): Attribution {
  if (restates === undefined) return centerAttribution('tjc/industry-network', 'own');
  return stated ?? { centerRole: 'partner-only', organiser: { name: SOURCES[restates.source].zh, source: restates.source } };
}

export function consortiumFormedData(c: ConsortiumRow, lead: EnterpriseSnapshot, restates?: Restates, attribution?: Attribution): EventDataInput<'industry.consortium.formed.v1'> {
  if (c.formedOn === null) throw new Error(`consortium ${c.id}: formed without a formation date`);
  return {
    consortiumId: c.id,
    name: c.name,
    topic: c.topic,
    field: IndustryField.schema.parse(c.field),
    leadEnterprise: lead,
    members: c.members.map((m) => Institution.parse(memberView(m))),
    formedOn: fromDbDate(c.formedOn),
    ...(c.projectId !== null && { projectId: c.projectId }),
    ...(c.challengeId !== null && { challengeId: c.challengeId }),
    ...(restates !== undefined && { restates }),
    attribution: restatedAttribution(restates, attribution),
  };
}

/**
 * This network's statement of a consortium: the first is its formation event,
 * every later one an amendment of that same event, so no consumer ever sees
 * two formations of one consortium from us. Returns the stated event's id,
 * and the id of the event this call published (the formation, or the
 * amendment), which the caller's audit row names.
 */
export async function stateConsortium(
  events: EventPublisher,
  tx: Tx,
  c: ConsortiumRow,
  lead: EnterpriseSnapshot,
  options: { readonly time: string; readonly reason: string; readonly restates?: Restates; readonly attribution?: Attribution | undefined },
): Promise<{ readonly statedEventId: string; readonly publishedEventId: string }> {
  const data = consortiumFormedData(c, lead, options.restates, options.attribution);
  if (c.statedEventId === null) {
    const event = await events.publish(tx, EVENTS.consortiumFormed, data, { time: options.time });
    return { statedEventId: event.id, publishedEventId: event.id };
  }
  const amendment = await events.publish(tx, EVENTS.eventCorrected, {
    correctionId: newId('corr'),
    target: { source: events.source, id: c.statedEventId, type: EVENTS.consortiumFormed },
    action: 'amend',
    reason: options.reason,
    replacement: data,
  });
  return { statedEventId: c.statedEventId, publishedEventId: amendment.id };
}

/**
 * After a listing change of one enterprise: every formed consortium it leads
 * (ours, and partners' judged to be it) whose stated listing differs from the
 * registry's at its formation date is amended. Returns how many changed.
 */
export async function rejudgeConsortiaLedBy(events: EventPublisher, tx: Tx, enterprise: Enterprise, who: Actor): Promise<number> {
  const led = await tx.consortium.findMany({ where: { leadRegistryId: enterprise.id, formedOn: { not: null } }, include: withMembers, orderBy: { id: 'asc' } });
  let changed = 0;
  for (const c of led) {
    const formedOn = fromDbDate(c.formedOn!);
    const lead = await registryLead(tx, enterprise, formedOn);
    const before = c.statedLead === null ? undefined : EnterpriseSnapshot.safeParse(c.statedLead).data;
    if (before?.isKeyEnterprise === lead.isKeyEnterprise) continue;
    changed += 1;
    const change = { formedOn, from: before?.isKeyEnterprise ?? null, to: lead.isKeyEnterprise };
    if (c.statedEventId === null) {
      // Published before the registry kept the event's id (and pruned from the outbox): it cannot be amended from here.
      // Audit row's event: none, nothing is published for this consortium.
      await audit(tx, who, 'consortium.lead-rejudged', 'consortium', c.id, { ...change, amended: false, note: '原发布事件编号未记录，无法更正 / the stated event id was not recorded; not amended' });
      continue;
    }
    const previous = c.leadJudgement === null ? null : (c.leadJudgement as unknown as LeadJudgement);
    const { publishedEventId } = await stateConsortium(events, tx, c, lead, {
      time: new Date().toISOString(),
      reason: lead.isKeyEnterprise ? `${enterprise.name} 于组建日 ${formedOn} 在重点企业名单内 / on the key-enterprise list at the formation date` : `${enterprise.name} 于组建日 ${formedOn} 不在重点企业名单内 / not on the key-enterprise list at the formation date`,
      ...(previous && { restates: previous.restates, attribution: previous.attribution }),
    });
    const rejudged = previous && judgeClaim(EnterpriseSnapshot.parse(previous.claimed), enterprise, lead, previous.judgedOn, previous.restates);
    const judgement = rejudged && { ...rejudged, ...(previous.attribution && { attribution: previous.attribution }) };
    await tx.consortium.update({
      where: { id: c.id },
      data: { statedLead: lead, ...(c.reportedBy === events.source && { leadEnterprise: lead }), ...(judgement && { leadJudgement: judgement as object }) },
    });
    await audit(tx, { ...who, eventId: publishedEventId }, 'consortium.lead-rejudged', 'consortium', c.id, { ...change, amended: true, statedEventId: c.statedEventId });
  }
  return changed;
}

/** What this network needs of a partner's consortium report to judge its lead and state it. */
export interface PartnerReport {
  readonly source: Source;
  readonly eventId: string;
  /** The report's business time: our statement counts in the year theirs would have. */
  readonly time: string;
  readonly consortiumId: string;
  readonly claimed: EnterpriseSnapshot;
  readonly formedOn: string;
  readonly attribution?: Attribution | undefined;
}

/**
 * Judges a partner's claim about its consortium's lead against the registry at
 * the formation date, states (or amends) our statement of the consortium, and
 * keeps the judgement on the record: on a report, and for reports recorded
 * before statements existed (the boot backfill).
 */
export async function judgePartnerLead(events: EventPublisher, tx: Tx, who: Actor, report: PartnerReport, id: string): Promise<void> {
  const registry = await matchRegistry(tx, report.claimed);
  const stated = registry ? await registryLead(tx, registry, report.formedOn) : unknownLead(report.claimed);
  const restates = { source: report.source, eventId: report.eventId, consortiumId: report.consortiumId };
  const judgement = { ...judgeClaim(report.claimed, registry, stated, report.formedOn, restates), ...(report.attribution && { attribution: report.attribution }) };
  const row = await tx.consortium.findUniqueOrThrow({ where: { id }, include: withMembers });
  const { statedEventId } = await stateConsortium(events, tx, row, stated, {
    time: report.time,
    reason: `${report.source} 重报 ${report.consortiumId}，按重点企业名单重新核定 / re-reported, judged again against the key-enterprise registry`,
    restates,
    attribution: report.attribution,
  });
  await tx.consortium.update({ where: { id }, data: { leadRegistryId: registry?.id ?? null, statedLead: stated, statedEventId, leadJudgement: judgement as object } });
  // Audit row's event: the partner's report that caused the judgement (who.eventId); our statement's id is in the detail.
  await audit(tx, who, judgement.flagged ? 'consortium.lead-claim-flagged' : 'consortium.lead-judged', 'consortium', id, { ...judgement, statedEventId });
}
