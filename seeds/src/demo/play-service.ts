/**
 * The service network's year (seeds/src/data/service.ts) through its API:
 * members and courses; achievement transfers at their dates (candidates that
 * arrived as events from the research network or the partners, or offers
 * registered by hand) with special funding; training sessions (enrolments,
 * completions); activities held or cancelled.
 */
import { serviceActivities, serviceCourses, serviceMembers, serviceSessions, serviceTransfers, traineesOf, type ActivityScript, type SessionScript, type TransferScript } from '../data/service';
import { qs, refOf, remember, type DemoContext, type Page } from './context';
import type { PartnerTransferScript } from './partner-data';
import { mapPool, waitFor, type Lane, type Step } from './timeline';

interface Versioned {
  readonly id: string;
  readonly version: number;
}
interface TransferView extends Versioned {
  readonly status: string;
  readonly achievement: { readonly title: string };
}

const courseKey = (key: string) => `service.course:${key}`;

export function serviceSetup(ctx: DemoContext): Step[] {
  return [
    {
      at: '2024-01-02',
      lane: '服务',
      label: `登记成员 ${serviceMembers.length} 家（园区、培训基地、技术转移机构），开设课程 ${serviceCourses.length} 门`,
      run: async () => {
        for (const m of serviceMembers) await ctx.service.post('/members', m);
        for (const { key, ...body } of serviceCourses) remember(ctx, courseKey(key), await ctx.service.post<Versioned>('/courses', body));
      },
    },
  ];
}

/** A candidate that arrives as an event: wait until the service network has consumed it. */
async function candidate(ctx: DemoContext, what: string, query: Record<string, string>, matches: (t: TransferView) => boolean): Promise<TransferView> {
  return waitFor(`the transfer candidate ${what} to reach the service network`, async () => {
    const page = await ctx.service.get<Page<TransferView>>(`/transfer-candidates${qs({ ...query, limit: 50 })}`);
    return page.items.find(matches);
  });
}

/** match → negotiate → land, each write with the version the previous one returned. */
async function land(ctx: DemoContext, start: TransferView, script: { receiver: TransferScript['receiver']; negotiationNote?: string | undefined; mode: string; contractAmount: unknown; landedOn: string }): Promise<TransferView> {
  const matched = await ctx.service.post<TransferView>(`/transfers/${start.id}/match`, { version: start.version, receiver: script.receiver });
  const negotiating = await ctx.service.post<TransferView>(`/transfers/${start.id}/negotiate`, { version: matched.version, ...(script.negotiationNote !== undefined && { note: script.negotiationNote }) });
  return ctx.service.post<TransferView>(`/transfers/${start.id}/land`, { version: negotiating.version, mode: script.mode, contractAmount: script.contractAmount, landedOn: script.landedOn });
}

function transferSteps(ctx: DemoContext, t: TransferScript): Step[] {
  const key = `service.transfer:${t.key}`;
  const title = 'register' in t.candidate ? t.candidate.register.achievement.title : t.candidate.fromResearch.title;
  const obtain = async (): Promise<TransferView> => {
    if ('register' in t.candidate) return ctx.service.post<TransferView>('/transfers', t.candidate.register);
    const wanted = t.candidate.fromResearch.title;
    return candidate(ctx, `「${wanted}」`, { q: wanted }, (c) => c.achievement.title === wanted);
  };
  const o = t.outcome;
  const steps: Step[] = [];
  if (o.kind === 'landed') {
    steps.push({
      at: o.landedOn,
      lane: '服务',
      label: `成果「${title}」对接 ${t.receiver.name}，洽谈并落地（${o.mode}）`,
      run: async () => void remember(ctx, key, await land(ctx, await obtain(), { receiver: t.receiver, negotiationNote: t.negotiationNote, ...o })),
    });
  } else {
    // No date in the seed: the offer is withdrawn in the autumn.
    steps.push({
      at: '2024-09-30',
      lane: '服务',
      label: `成果「${title}」对接后终止（${o.reason}）`,
      run: async () => {
        const start = await obtain();
        const matched = await ctx.service.post<TransferView>(`/transfers/${start.id}/match`, { version: start.version, receiver: t.receiver });
        remember(ctx, key, await ctx.service.post<TransferView>(`/transfers/${start.id}/abandon`, { version: matched.version, reason: o.reason }));
      },
    });
  }
  const f = t.funding;
  if (f) {
    const appKey = `${key}:funding`;
    steps.push({
      at: f.appliedOn,
      lane: '服务',
      label: `「${title}」申请专项资助并经 ${f.reviews.length} 位专家评审`,
      run: async () => {
        const applied = await ctx.service.post<Versioned>(`/transfers/${refOf(ctx, key).id}/funding-applications`, { requestedAmount: f.requestedAmount, purpose: f.purpose, appliedOn: f.appliedOn });
        remember(ctx, appKey, await ctx.service.post<Versioned>(`/funding-applications/${applied.id}/review`, { version: applied.version, reviews: f.reviews }));
      },
    });
    const d = f.decision;
    steps.push({
      at: d.decidedOn,
      lane: '服务',
      label: d.kind === 'grant' ? `「${title}」获专项资助 ${d.grantedAmount.amount} 元` : `「${title}」专项资助未获批（${d.reason}）`,
      run: async () => {
        const app = refOf(ctx, appKey);
        if (d.kind === 'grant') await ctx.service.post(`/funding-applications/${app.id}/grant`, { version: app.version, grantedAmount: d.grantedAmount, decidedOn: d.decidedOn });
        else await ctx.service.post(`/funding-applications/${app.id}/decline`, { version: app.version, reason: d.reason, decidedOn: d.decidedOn });
      },
    });
  }
  return steps;
}

/** Partner offers (research.achievement.listed.v1 from Beijing HQ / the Hebei Center) landed by the service coordinator. */
export function partnerTransferSteps(ctx: DemoContext, transfers: readonly PartnerTransferScript[], titleOf: (achievementId: string) => string): Step[] {
  return transfers.map((t) => ({
    at: t.landedOn,
    lane: '服务',
    label: `合作方成果「${titleOf(t.achievementId)}」对接 ${t.receiver.name}，洽谈并落地（${t.mode}）`,
    run: async () => {
      const start = await candidate(ctx, t.achievementId, { achievementId: t.achievementId }, () => true);
      remember(ctx, `service.transfer:${t.achievementId}`, await land(ctx, start, t));
    },
  }));
}

function sessionSteps(ctx: DemoContext, s: SessionScript): Step[] {
  const key = `service.session:${s.key}`;
  const enrolments: string[] = [];
  return [
    {
      at: s.startsOn,
      lane: '服务',
      label: `开班「${s.title}」，${s.trainees} 名学员报名`,
      run: async () => {
        const session = await ctx.service.post<Versioned>('/training-sessions', {
          courseId: refOf(ctx, courseKey(s.course)).id,
          title: s.title,
          startsOn: s.startsOn,
          endsOn: s.endsOn,
          place: s.place,
          ...(s.partnerRegion !== undefined && { partnerRegion: s.partnerRegion }),
        });
        remember(ctx, key, session);
        const enrolled = await mapPool(traineesOf(s), 8, (t) => ctx.service.post<Versioned>(`/training-sessions/${session.id}/enrolments`, t));
        enrolments.push(...enrolled.map((e) => e.id));
        const current = await ctx.service.get<Versioned>(`/training-sessions/${session.id}`);
        remember(ctx, key, await ctx.service.post<Versioned>(`/training-sessions/${session.id}/start`, { version: current.version }));
      },
    },
    {
      at: s.completedOn,
      lane: '服务',
      label: `「${s.title}」结业 ${s.completions} 人次`,
      run: async () => {
        const id = refOf(ctx, key).id;
        await ctx.service.post(`/training-sessions/${id}/completions`, { enrolmentIds: enrolments.slice(0, s.completions), completedOn: s.completedOn });
        const current = await ctx.service.get<Versioned>(`/training-sessions/${id}`);
        await ctx.service.post(`/training-sessions/${id}/complete`, { version: current.version });
      },
    },
  ];
}

/** Plan (and hold or cancel) one activity; `lane`/`at` let the demo enter one late or by mistake. */
export function activitySteps(ctx: DemoContext, a: ActivityScript, options: { key?: string; enteredOn?: string; lane?: Lane; labelPrefix?: string } = {}): Step[] {
  const key = options.key ?? `service.activity:${a.plan.title}`;
  const plan: Step = {
    at: options.enteredOn ?? a.plan.plannedOn,
    lane: options.lane ?? '服务',
    label: `${options.labelPrefix ?? ''}计划活动「${a.plan.title}」`,
    run: async () => void remember(ctx, key, await ctx.service.post<Versioned>('/activities', a.plan)),
  };
  const o = a.outcome;
  const outcome: Step =
    o.kind === 'held'
      ? {
          at: options.enteredOn ?? o.heldOn,
          lane: options.lane ?? '服务',
          label: `${options.labelPrefix ?? ''}举办「${a.plan.title}」（${o.participants} 人参加，促成对接 ${o.pairsMatched} 项）`,
          run: async () => void remember(ctx, key, await ctx.service.post<Versioned>(`/activities/${refOf(ctx, key).id}/hold`, { version: refOf(ctx, key).version, heldOn: o.heldOn, participants: o.participants, pairsMatched: o.pairsMatched })),
        }
      : {
          at: a.plan.plannedOn,
          lane: options.lane ?? '服务',
          label: `取消活动「${a.plan.title}」（${o.reason}）`,
          run: async () => void remember(ctx, key, await ctx.service.post<Versioned>(`/activities/${refOf(ctx, key).id}/cancel`, { version: refOf(ctx, key).version, reason: o.reason })),
        };
  return [plan, outcome];
}

export function serviceSteps(ctx: DemoContext): Step[] {
  return [...serviceTransfers.flatMap((t) => transferSteps(ctx, t)), ...serviceSessions.flatMap((s) => sessionSteps(ctx, s)), ...serviceActivities.flatMap((a) => activitySteps(ctx, a))];
}
