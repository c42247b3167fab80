/**
 * The demo year: plays 2024 of the Tianjin Center through the services' real
 * public APIs and the partner gateway, then prints the KPI table.
 *
 *   1. the center admin sets the 2024 KPI targets (KPI API);
 *   2. the four networks' coordinators play their seed scripts and the
 *      partners (Beijing HQ, Hebei Center) send signed batches, all on one
 *      timeline in business-time order;
 *   3. duplicates: a batch resent (gateway: duplicate), a reused webhook-id
 *      (409 replayed), a project re-published under a new event id (KPI:
 *      counted once);
 *   4. a correction: the center retracts a wrongly entered activity;
 *   5. the center closes 2024; a late 2024 activity is recorded afterwards
 *      and the KPI service records a restatement;
 *   6. the KPI table, the restatements, and the URLs.
 *
 * Run by `./platform up` (after the services are ready), or by hand:
 *   pnpm --filter @tjc/seeds run demo                # play (or, if already played, print)
 *   pnpm --filter @tjc/seeds run demo -- --print-only
 *
 * Idempotent by detection: the year is played once. When the KPI service
 * already has 2024 closed with its restatement (a previous complete run),
 * the demo only prints; when the platform holds data of an interrupted run,
 * it prints what is there and says how to start over. It exits after
 * printing; ./platform keeps the services running.
 */
import { issueDevToken } from '@tjc/auth';
import type { Network } from '@tjc/contracts';
import { industryChallenges, industryConsortia, industryDemands, industryEnterprises } from './data/industry';
import { researchAchievements, researchProjects } from './data/research';
import { serviceActivities, serviceSessions, serviceTransfers } from './data/service';
import { CONSOLE_URL, DemoConfigError, loadDemoConfig, SERVICE_NAMES, type DemoConfig } from './demo/config';
import type { DemoContext } from './demo/context';
import { expectedKpis, type KpiValues } from './demo/expected-kpis';
import { ApiClient, ApiError, waitUntilReady } from './demo/http-client';
import { kpiApi, lineageEntry, setTargets, waitForFigures, type LineageSummary } from './demo/kpi';
import { PartnerClient } from './demo/partner-client';
import { partnerBatches, partnerTransfers, republishedProject } from './demo/partner-data';
import { fundSetup, fundSteps } from './demo/play-fund';
import { industrySetup, industrySteps } from './demo/play-industry';
import { partnerSteps } from './demo/play-partners';
import { researchSetup, researchSteps } from './demo/play-research';
import { activitySteps, partnerTransferSteps, serviceSetup, serviceSteps } from './demo/play-service';
import { renderKpiTable, renderLinks, renderRestatements } from './demo/report';
import { pad } from './demo/text-table';
import { CENTER_ADMIN, COORDINATORS, CORRECTION_REASON, DEMO_YEAR, lateActivity, wrongActivity } from './demo/story-data';
import { dateOf, sortSteps, type Step } from './demo/timeline';

const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s);
const say = (s: string) => console.log(s);
const heading = (s: string) => say(`\n${bold(`== ${s}`)}`);

class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly failure: unknown,
  ) {
    super(`${step}: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

async function runStep(step: Pick<Step, 'at' | 'lane' | 'label' | 'run'>): Promise<void> {
  const where = `${dateOf(step.at)} ${step.lane} ${step.label}`;
  try {
    const note = await step.run();
    say(`  ${dateOf(step.at)}  ${pad(step.lane, 6)} ${step.label}${note ? `  → ${note}` : ''}`);
  } catch (error) {
    throw new StepFailed(where, error);
  }
}

const WRONG_ACTIVITY_KEY = 'service.activity:wrong-entry';
const LATE_ACTIVITY_KEY = 'service.activity:late-entry';

async function context(config: DemoConfig): Promise<DemoContext> {
  const auth = config.auth;
  const coordinator = (network: Network) => issueDevToken(auth, { sub: COORDINATORS[network].sub, name: COORDINATORS[network].name, roles: ['coordinator'], network });
  const admin = await issueDevToken(auth, { sub: CENTER_ADMIN.sub, name: CENTER_ADMIN.name, roles: ['center-admin'] });
  const partners: Record<string, PartnerClient> = {};
  for (const [id, secret] of Object.entries(config.partnerSecrets)) if (secret) partners[id] = new PartnerClient(config.urls['partner-gateway'], id, secret);
  return {
    research: new ApiClient('research-network', config.urls['research-network'], await coordinator('research')),
    industry: new ApiClient('industry-network', config.urls['industry-network'], await coordinator('industry')),
    service: new ApiClient('service-network', config.urls['service-network'], await coordinator('service')),
    fund: new ApiClient('fund-network', config.urls['fund-network'], await coordinator('fund')),
    kpi: new ApiClient('kpi', config.urls.kpi, admin),
    partners,
    ids: new Map(),
    duplicateReport: [],
    sentBatches: new Map(),
  };
}

/** What the platform already holds: nothing (play the year), a finished demo year (print), or an interrupted one. */
async function previousRun(ctx: DemoContext): Promise<'none' | 'complete' | 'partial'> {
  const targets = await kpiApi(ctx.kpi).targets();
  let enterprise = true;
  try {
    await ctx.industry.get(`/enterprises/${industryEnterprises[0]!.id}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    enterprise = false;
  }
  if (!targets && !enterprise) return 'none';
  const restatements = targets ? await kpiApi(ctx.kpi).restatements() : undefined;
  return restatements?.closed && restatements.total > 0 ? 'complete' : 'partial';
}

async function playYear(ctx: DemoContext, expected: KpiValues): Promise<void> {
  heading('1. 中心设定 2024 年考核目标 (PUT /kpi/targets/2024/:kpiCode)');
  await setTargets(ctx);
  const targets = await kpiApi(ctx.kpi).targets();
  say(`  ${targets?.items.map((t) => `${t.kpiCode}=${t.target}`).join('  ')}`);

  heading('2. 四个网络与合作方的 2024 年（按业务时间顺序）');
  const setup = [...researchSetup(ctx), ...industrySetup(ctx), ...serviceSetup(ctx), ...fundSetup(ctx)];
  const titles = new Map(partnerBatches.flatMap((b) => b.events).flatMap((e) => (e.type === 'research.achievement.listed.v1' ? [[e.data.achievementId, e.data.title] as const] : [])));
  const year = sortSteps([
    ...researchSteps(ctx),
    ...industrySteps(ctx),
    ...serviceSteps(ctx),
    ...fundSteps(ctx),
    ...partnerSteps(ctx),
    ...partnerTransferSteps(ctx, partnerTransfers, (id) => titles.get(id) ?? id),
    ...activitySteps(ctx, wrongActivity, { key: WRONG_ACTIVITY_KEY, enteredOn: wrongActivity.enteredOn, labelPrefix: '（误录）' }),
  ]);
  for (const step of [...setup, ...year]) await runStep(step);

  heading('3. 重复 duplicates');
  for (const line of ctx.duplicateReport) say(`  ${line}`);
  say('  等待考核指标服务消费全部事件…');
  const played = await waitForFigures(ctx, { ...expected, events: expected.events + 1 }, 'the whole year (with the wrongly entered activity)');
  say(`  已计入：${played.kpis.map((k) => `${k.kpiCode}=${k.value}`).join('  ')}`);
  const dup = await kpiApi(ctx.kpi).lineage('disruptive-projects', { status: 'duplicate' });
  for (const d of dup.items) say(`  溯源：${d.source}/${d.eventId}（${d.subject}）→ 重复 duplicate，不重复计数`);

  heading('4. 更正 correction：中心撤回误录的活动 (POST /kpi/corrections)');
  const wrong = ctx.ids.get(WRONG_ACTIVITY_KEY);
  if (!wrong) throw new Error('the wrongly entered activity was not created');
  const entry = await lineageEntry(ctx, 'events', wrong.id);
  const correction = await ctx.kpi.post<{ correctionId: string; eventId: string }>('/kpi/corrections', {
    target: { source: entry.source, id: entry.eventId, type: entry.type },
    action: 'retract',
    reason: CORRECTION_REASON,
  });
  say(`  撤回 ${entry.source}/${entry.eventId}（活动 ${wrong.id}）→ ${correction.correctionId}`);
  const corrected = await waitForFigures(ctx, expected, 'the retraction');
  say(`  活动数 events = ${corrected.kpis.find((k) => k.kpiCode === 'events')?.value}（撤回后）`);

  heading('5. 关账与迟到事件 late event');
  const closed = await ctx.kpi.post<{ closedAt: string; values: Record<string, number> }>(`/kpi/${DEMO_YEAR}/close`);
  say(`  2024 年关账 ${closed.closedAt}：${Object.entries(closed.values).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  for (const step of activitySteps(ctx, lateActivity, { key: LATE_ACTIVITY_KEY, labelPrefix: '（关账后补录）' })) await runStep(step);
  await waitForFigures(ctx, { ...expected, events: expected.events + 1 }, 'the late activity');
  const restated = await kpiApi(ctx.kpi).restatements();
  for (const r of restated?.items ?? []) say(`  重述 restatement：${r.kpiCode} ${r.previousValue} → ${r.newValue}，原因 ${r.cause.type} ${r.cause.source}/${r.cause.eventId}`);
}

async function printReport(ctx: DemoContext, config: DemoConfig): Promise<void> {
  const api = kpiApi(ctx.kpi);
  const view = await api.year();
  heading(`天津中心 ${DEMO_YEAR} 年度考核指标 KPI（${view?.generatedAt ?? ''}）`);
  if (!view) {
    say('  考核指标服务尚无 2024 年的指标定义 (no KPIs defined for 2024).');
  } else {
    const lineage = new Map<string, LineageSummary>();
    for (const k of view.kpis) lineage.set(k.kpiCode, (await api.lineage(k.kpiCode, { limit: 1 })).summary);
    say(renderKpiTable(view.kpis, lineage));
    say('  进度按今天在全年中的占比计算（2024 年已过完：应达 = 目标）；预测为按当前速度的年末值。');
    heading('重述 restatements (GET /kpi/2024/restatements)');
    say(renderRestatements(await api.restatements(), new Map(view.kpis.map((k) => [k.kpiCode, k.label.zh]))));
    const corrections = (await api.corrections()).items.filter((c) => c.status === 'accepted');
    if (corrections.length) {
      heading('更正 corrections (GET /kpi/corrections)');
      for (const c of corrections) say(`  ${c.action} ${c.target.source}/${c.target.id}（${c.target.type}）：${c.reason}`);
    }
  }
  let consoleUp = false;
  try {
    consoleUp = (await fetch(CONSOLE_URL, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    /* not running */
  }
  heading('链接 links');
  say(renderLinks(config.urls, CONSOLE_URL, consoleUp));
}

async function main(): Promise<void> {
  const printOnly = process.argv.includes('--print-only');
  const config = loadDemoConfig();
  for (const name of SERVICE_NAMES) await waitUntilReady(name, config.urls[name]);
  const ctx = await context(config);

  const seed = {
    research: { projects: researchProjects, achievements: researchAchievements },
    industry: { enterprises: industryEnterprises, demands: industryDemands, challenges: industryChallenges, consortia: industryConsortia },
    service: { transfers: serviceTransfers, sessions: serviceSessions, activities: serviceActivities },
    partners: { batches: partnerBatches, extraEvents: [republishedProject.event], transfers: partnerTransfers },
  };
  const expected = expectedKpis(seed, DEMO_YEAR);

  if (!printOnly) {
    const previous = await previousRun(ctx);
    if (previous === 'none') {
      const missing = ['beijing-hq', 'hebei-center'].filter((p) => !ctx.partners[p]);
      if (missing.length) throw new DemoConfigError(`no signing secret for ${missing.join(', ')} in ${config.partnerSecretsFrom} (the gateway's PARTNER_SECRETS)`);
      say(bold(`[demo] 播放 ${DEMO_YEAR} 年：预期 ${Object.entries(expected).map(([k, v]) => `${k}=${v}`).join('  ')}`));
      await playYear(ctx, expected);
    } else if (previous === 'complete') {
      say(bold(`[demo] ${DEMO_YEAR} 年已播放过（考核目标已设、已关账并有重述记录）：不再重复写入，只打印结果。`));
    } else {
      say(bold(`[demo] 平台中已有上一次未完成的演示数据（如中途被中断）：为避免重复计数，不再写入，只打印当前结果。`));
      say('       重新播放：./platform down --keep-kafka，删除 tjc_research/tjc_industry/tjc_service/tjc_fund/tjc_kpi/tjc_gateway 数据库后再 ./platform up。');
    }
  }
  await printReport(ctx, config);
}

main().catch((error: unknown) => {
  const detail = error instanceof StepFailed ? error.failure : error;
  const failed = process.stderr.isTTY ? '\u001b[31m[demo] FAILED\u001b[0m' : '[demo] FAILED';
  console.error(`\n${failed}${error instanceof StepFailed ? ` at step: ${error.step}` : ''}`);
  if (detail instanceof ApiError) console.error(`  ${detail.request} answered ${detail.status}:\n  ${JSON.stringify(detail.body, null, 2).replace(/\n/g, '\n  ')}`);
  else console.error(`  ${detail instanceof Error ? (detail.stack ?? detail.message) : String(detail)}`);
  process.exit(1);
});
