/**
 * The research network's year (seeds/src/data/research.ts) through its API:
 * members and experts first, then each project's pipeline at its own dates
 * (submission and panel → reviews → joint demonstration → selection or
 * rejection → resource matches), and the supply list.
 */
import { researchAchievements, researchExperts, researchMembers, researchProjects, type ProjectScript } from '../data/research';
import { refOf, remember, type DemoContext } from './context';
import type { Step } from './timeline';

interface ProjectView {
  readonly id: string;
  readonly version: number;
  readonly state: string;
  readonly review: { readonly averageScore: number | null; readonly passed: boolean | null };
}

const projectKey = (key: string) => `research.project:${key}`;
const expertKey = (key: string) => `research.expert:${key}`;

/** Reference data, before the year's pipeline. */
export function researchSetup(ctx: DemoContext): Step[] {
  return [
    {
      at: '2024-01-02',
      lane: '科研',
      label: `登记成员单位 ${researchMembers.length} 家、专家入库 ${researchExperts.length} 名`,
      run: async () => {
        for (const m of researchMembers) await ctx.research.post('/members', m);
        for (const { key, ...body } of researchExperts) remember(ctx, expertKey(key), await ctx.research.post<{ id: string; version: number }>('/experts', body));
      },
    },
  ];
}

function projectSteps(ctx: DemoContext, p: ProjectScript): Step[] {
  const title = `「${p.submit.title}」`;
  const ref = () => refOf(ctx, projectKey(p.key));
  const save = (view: ProjectView) => remember(ctx, projectKey(p.key), view);
  const steps: Step[] = [
    {
      at: p.submit.submittedAt,
      lane: '科研',
      label: `提交项目${title}并组建评审专家组（${p.panel.length} 名）`,
      run: async () => {
        const submitted = save(await ctx.research.post<ProjectView>('/projects', p.submit));
        save(await ctx.research.post<ProjectView>(`/projects/${submitted.id}/review-panel`, { version: submitted.version, expertIds: p.panel.map((k) => refOf(ctx, expertKey(k)).id) }));
      },
    },
    ...p.reviews.map(
      (r, i): Step => ({
        at: r.reviewedAt,
        lane: '科研',
        label: `专家评审${title} ${i + 1}/${p.reviews.length}`,
        run: async () => {
          const view = await ctx.research.post<ProjectView>(`/projects/${ref().id}/reviews`, {
            expertId: refOf(ctx, expertKey(r.expert)).id,
            score: r.score,
            ...(r.comment !== undefined && { comment: r.comment }),
            reviewedAt: r.reviewedAt,
          });
          save(view);
          if (i === p.reviews.length - 1) return `均分 ${view.review.averageScore ?? '—'}，${view.review.passed ? '通过初筛' : '未通过初筛'}`;
          return undefined;
        },
      }),
    ),
  ];
  const o = p.outcome;
  if (o.demonstrationStartedAt !== undefined) {
    const startedAt = o.demonstrationStartedAt;
    steps.push({
      at: startedAt,
      lane: '科研',
      label: `项目${title}进入与本部联合论证`,
      run: async () => void save(await ctx.research.post<ProjectView>(`/projects/${ref().id}/demonstration`, { version: ref().version, startedAt })),
    });
  }
  if (o.kind === 'found') {
    steps.push({
      at: o.foundAt,
      lane: '科研',
      label: `遴选通过${title}（原创性颠覆性技术项目）`,
      run: async () =>
        void save(
          await ctx.research.post<ProjectView>(`/projects/${ref().id}/selection`, {
            version: ref().version,
            demonstration: o.demonstration,
            ...(o.landingPlan !== undefined && { landingPlan: o.landingPlan }),
            ...(o.trl !== undefined && { trl: o.trl }),
            foundAt: o.foundAt,
          }),
        ),
    });
    for (const m of o.resourceMatches) {
      steps.push({ at: m.matchedOn, lane: '科研', label: `资源匹配${title} → ${m.name}`, run: async () => void (await ctx.research.post(`/projects/${ref().id}/resource-matches`, m)) });
    }
  } else {
    steps.push({
      at: o.rejectedAt,
      lane: '科研',
      label: `项目${title}不予通过（${o.reason}）`,
      run: async () => void save(await ctx.research.post<ProjectView>(`/projects/${ref().id}/rejection`, { version: ref().version, reason: o.reason, detail: o.detail, rejectedAt: o.rejectedAt })),
    });
  }
  return steps;
}

export function researchSteps(ctx: DemoContext): Step[] {
  return [
    ...researchProjects.flatMap((p) => projectSteps(ctx, p)),
    ...researchAchievements.map(
      ({ projectKey: key, ...body }): Step => ({
        at: body.listedAt,
        lane: '科研',
        label: `成果「${body.title}」列入供给清单`,
        run: async () => void (await ctx.research.post('/achievements', { ...body, ...(key !== undefined && { projectId: refOf(ctx, projectKey(key)).id }) })),
      }),
    ),
  ];
}

/** The id the research API gave a seed project (for the fund network's grant). */
export const researchProjectId = (ctx: DemoContext, key: string): string => refOf(ctx, projectKey(key)).id;
