/**
 * What the KPI service should answer for the demo year, computed from the
 * seed data alone with the rules of seeds/src/data/kpi-targets.ts. The demo
 * waits until the KPI API agrees (no fixed sleeps), and a disagreement names
 * the KPI that differs instead of printing a silently wrong table.
 *
 * This mirrors the targets' rules on the seed data; it is not a second KPI
 * engine: the figures printed are always the KPI service's.
 */
import type { Region } from '@tjc/contracts';
import type { ProjectScript, AchievementBody } from '../data/research';
import type { ChallengeScript, ConsortiumBody, DemandBody, EnterpriseBody } from '../data/industry';
import type { ActivityScript, SessionScript, TransferScript } from '../data/service';
import type { PartnerBatch, PartnerEventSpec, PartnerTransferScript } from './partner-data';

export type KpiCode = 'disruptive-projects' | 'key-enterprises-joint-research' | 'achievements-landed' | 'trainees' | 'events';
export type KpiValues = Record<KpiCode, number>;

/** Attributions the 2024 definitions count (seeds/src/data/kpi-targets.ts). */
const COUNTED_ROLES: ReadonlySet<string> = new Set(['own', 'joint']);

/** Regions whose achievements count as "from Beijing/Hebei" (Xiong'an is part of Hebei). */
const OUTSIDE_TIANJIN: ReadonlySet<Region> = new Set(['beijing', 'hebei', 'xiongan']);

/** Calendar year of a date or instant in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiYear(dateOrInstant: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)) return Number(dateOrInstant.slice(0, 4));
  return new Date(Date.parse(dateOrInstant) + 8 * 3600_000).getUTCFullYear();
}

export interface SeedYear {
  readonly research: { readonly projects: readonly ProjectScript[]; readonly achievements: readonly AchievementBody[] };
  readonly industry: {
    readonly enterprises: readonly EnterpriseBody[];
    readonly demands: readonly DemandBody[];
    readonly challenges: readonly ChallengeScript[];
    readonly consortia: readonly ConsortiumBody[];
  };
  readonly service: { readonly transfers: readonly TransferScript[]; readonly sessions: readonly SessionScript[]; readonly activities: readonly ActivityScript[] };
  readonly partners: { readonly batches: readonly PartnerBatch[]; readonly extraEvents: readonly PartnerEventSpec[]; readonly transfers: readonly PartnerTransferScript[] };
}

export function expectedKpis(seed: SeedYear, year: number): KpiValues {
  const inYear = (t: string) => shanghaiYear(t) === year;
  const partnerEvents = [...seed.partners.batches.flatMap((b) => b.events), ...seed.partners.extraEvents];

  // Disruptive projects: distinct found projects (ours and partners'; a re-published one counts once).
  const found = new Set<string>();
  for (const p of seed.research.projects) if (p.outcome.kind === 'found' && inYear(p.outcome.foundAt)) found.add(`research:${p.key}`);
  // A partner's project counts only when the center took part (attribution own/joint, #18.17).
  for (const e of partnerEvents) if (e.type === 'research.project.found.v1' && inYear(e.time) && COUNTED_ROLES.has(e.data.attribution?.centerRole ?? 'unstated')) found.add(`partner:${e.data.projectId}`);

  // Key Tianjin enterprises leading a consortium formed this year (formed directly, or confirmed after an award).
  const enterprises = new Map(seed.industry.enterprises.map((e) => [e.id, e]));
  const demandOwner = new Map(seed.industry.demands.map((d) => [d.key, d.enterpriseId]));
  const leads = [
    ...seed.industry.consortia.filter((c) => inYear(c.formedOn)).map((c) => c.leadEnterpriseId),
    ...seed.industry.challenges.filter((c) => c.award && c.confirm && inYear(c.confirm.formedOn)).map((c) => demandOwner.get(c.demandKey)),
  ];
  const keyLeads = new Set(leads.filter((id): id is string => id !== undefined && enterprises.get(id)?.isKeyEnterprise === true && enterprises.get(id)?.region === 'tianjin'));

  // Achievements from Beijing/Hebei landed in Tianjin: the origin of each landed transfer.
  const originOfResearchTitle = (title: string): Region | undefined =>
    seed.research.achievements.find((a) => a.title === title)?.owner.region ?? seed.research.projects.find((p) => p.submit.title === title)?.submit.institution.region;
  let landed = 0;
  for (const t of seed.service.transfers) {
    if (t.outcome.kind !== 'landed' || !inYear(t.outcome.landedOn)) continue;
    const region = 'register' in t.candidate ? t.candidate.register.origin.region : originOfResearchTitle(t.candidate.fromResearch.title);
    if (region !== undefined && OUTSIDE_TIANJIN.has(region)) landed++;
  }
  const listed = new Map(partnerEvents.flatMap((e) => (e.type === 'research.achievement.listed.v1' ? [[e.data.achievementId, e.data.owner.region] as const] : [])));
  for (const t of seed.partners.transfers) {
    const region = listed.get(t.achievementId);
    if (inYear(t.landedOn) && region !== undefined && OUTSIDE_TIANJIN.has(region)) landed++;
  }

  // Person-times: one per completion of a session (the seeds complete the first `completions` trainees).
  const trainees = seed.service.sessions.filter((s) => inYear(s.completedOn)).reduce((sum, s) => sum + Math.min(s.completions, s.trainees), 0);

  // Activities held this year.
  const events = seed.service.activities.filter((a) => a.outcome.kind === 'held' && inYear(a.outcome.heldOn)).length;

  return { 'disruptive-projects': found.size, 'key-enterprises-joint-research': keyLeads.size, 'achievements-landed': landed, trainees, events };
}

/** The KPIs whose actual value differs from the expected one, as "code: actual ≠ expected". */
export function differences(expected: Partial<KpiValues>, actual: ReadonlyMap<string, number>): string[] {
  return Object.entries(expected).flatMap(([code, want]) => {
    const got = actual.get(code);
    return got === want ? [] : [`${code}: ${got ?? '—'} ≠ ${want}`];
  });
}
