/**
 * The industry network's year (seeds/src/data/industry.ts) through its API:
 * enterprises, then at their dates demands, open challenges (揭榜挂帅:
 * publish, applications, award, confirm the proposed consortium), consortia
 * formed directly, and milestones.
 */
import { industryChallenges, industryConsortia, industryDemands, industryEnterprises, industryMilestones, type ChallengeScript } from '../data/industry';
import { refOf, remember, type DemoContext } from './context';
import type { Step } from './timeline';

interface Versioned {
  readonly id: string;
  readonly version: number;
}

const demandKey = (key: string) => `industry.demand:${key}`;
const consortiumKey = (name: string) => `industry.consortium:${name}`;

export function industrySetup(ctx: DemoContext): Step[] {
  return [
    {
      at: '2024-01-02',
      lane: '产业',
      label: `登记企业 ${industryEnterprises.length} 家（重点企业与链主）`,
      run: async () => {
        for (const e of industryEnterprises) await ctx.industry.post('/enterprises', e);
      },
    },
  ];
}

function challengeSteps(ctx: DemoContext, c: ChallengeScript): Step[] {
  const key = `industry.challenge:${c.demandKey}`;
  const demandTitle = industryDemands.find((d) => d.key === c.demandKey)?.title ?? c.demandKey;
  const applications = new Map<string, string>();
  const steps: Step[] = [
    {
      at: c.publish.publishedOn,
      lane: '产业',
      label: `发布揭榜挂帅「${demandTitle}」${c.publish.publishedViaHq ? '（经本部在京发布）' : ''}`,
      run: async () => void remember(ctx, key, await ctx.industry.post<Versioned>('/challenges', { demandId: refOf(ctx, demandKey(c.demandKey)).id, ...c.publish })),
    },
    ...c.applications.map(
      (a): Step => ({
        at: a.submittedOn,
        lane: '产业',
        label: `${a.institution.name} 揭榜申请「${demandTitle}」`,
        run: async () => void applications.set(a.institution.name, (await ctx.industry.post<Versioned>(`/challenges/${refOf(ctx, key).id}/applications`, a)).id),
      }),
    ),
  ];
  const { award, confirm } = c;
  if (award) {
    steps.push({
      at: award.awardedOn,
      lane: '产业',
      label: `「${demandTitle}」由 ${award.winner} 揭榜`,
      run: async () => {
        const applicationId = applications.get(award.winner);
        if (!applicationId) throw new Error(`no application of ${award.winner} to award`);
        // Applications lock the challenge rather than version it; read the version in force.
        const current = await ctx.industry.get<Versioned>(`/challenges/${refOf(ctx, key).id}`);
        const awarded = await ctx.industry.post<Versioned & { consortiumProposalId: string | null }>(`/challenges/${current.id}/award`, { version: current.version, applicationId, awardedOn: award.awardedOn });
        if (awarded.consortiumProposalId) ctx.ids.set(`${key}:proposal`, { id: awarded.consortiumProposalId, version: 1 });
        return awarded.consortiumProposalId ? '已生成创新联合体组建提议' : '未生成组建提议';
      },
    });
    if (confirm) {
      steps.push({
        at: confirm.formedOn,
        lane: '产业',
        label: `确认组建「${confirm.name}」`,
        run: async () => {
          const proposal = await ctx.industry.get<Versioned>(`/consortia/${refOf(ctx, `${key}:proposal`).id}`);
          remember(ctx, consortiumKey(confirm.name), await ctx.industry.post<Versioned>(`/consortium-proposals/${proposal.id}/confirm`, { version: proposal.version, ...confirm }));
        },
      });
    }
  }
  return steps;
}

export function industrySteps(ctx: DemoContext): Step[] {
  return [
    ...industryDemands.map(
      ({ key, ...body }): Step => ({
        at: body.postedOn,
        lane: '产业',
        label: `发布技术需求「${body.title}」`,
        run: async () => void remember(ctx, demandKey(key), await ctx.industry.post<Versioned>('/demands', body)),
      }),
    ),
    ...industryChallenges.flatMap((c) => challengeSteps(ctx, c)),
    ...industryConsortia.map(
      (c): Step => ({
        at: c.formedOn,
        lane: '产业',
        label: `组建「${c.name}」（牵头 ${industryEnterprises.find((e) => e.id === c.leadEnterpriseId)?.name ?? c.leadEnterpriseId}）`,
        run: async () => void remember(ctx, consortiumKey(c.name), await ctx.industry.post<Versioned>('/consortia', c)),
      }),
    ),
    ...industryMilestones.map(
      (m): Step => ({
        at: m.reachedOn,
        lane: '产业',
        label: `「${m.consortiumName}」里程碑：${m.title}`,
        run: async () =>
          void (await ctx.industry.post(`/consortia/${refOf(ctx, consortiumKey(m.consortiumName)).id}/milestones`, { title: m.title, reachedOn: m.reachedOn, ...(m.note !== undefined && { note: m.note }) })),
      }),
    ),
  ];
}
