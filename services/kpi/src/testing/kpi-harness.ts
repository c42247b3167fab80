/**
 * Test support for the KPI service's integration specs (not built into dist).
 * Real: PostgreSQL (a migrated clone), Kafka (a namespace per file), Redis (a
 * key prefix per file, deleted afterwards), the service's app with consumer,
 * outbox relay and BullMQ workers. Nothing is faked.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import { buildEvent, type Attribution, type EventDataInput, type PlatformEvent, type Region, type Source } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually, uniqueName } from '@tjc/testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { KPI_CONSUMER } from '../kpi/ingest-event/ingest-event.consumer';

export type TargetSetting = EventDataInput<'center.kpi.target-set.v1'>;

/** The seeded 2024 KPIs (seeds/src/data/kpi-targets.ts), loaded by path: the seeds are not a dependency of this package. */
export function seededTargets2024(): readonly TargetSetting[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- outside this package's rootDir on purpose
  return (require(path.join(__dirname, '../../../../seeds/src/data/kpi-targets')) as { KPI_TARGETS_2024: readonly TargetSetting[] }).KPI_TARGETS_2024;
}

export interface KpiTestContext {
  readonly sut: ServiceUnderTest;
  readonly redisPrefix: string;
  readonly tokens: { admin: string; reader: string; ops: string; coordinator: string };
  stop(): Promise<void>;
}

export async function startKpiForTest(env: Record<string, string> = {}): Promise<KpiTestContext> {
  const redisPrefix = uniqueName('kpi');
  const sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (e) => AppModule.register(loadServiceConfig(e)),
    consumer: { groupId: uniqueName('kpi'), topics: KPI_CONSUMER.topics },
    env: { REDIS_PREFIX: redisPrefix, KPI_CACHE_TTL_SECONDS: '300', CONSUMER_RETRY_BASE_MS: '50', ...env },
  });
  const [admin, reader, ops, coordinator] = await Promise.all([
    sut.token({ roles: ['center-admin'], sub: 'admin-1', name: '中心管理员' }),
    sut.token({ roles: ['reader'], sub: 'reader-1', name: '领导' }),
    sut.token({ roles: ['ops'], sub: 'ops-1', name: '运维' }),
    sut.token({ roles: ['coordinator'], network: 'service', sub: 'coord-1', name: '服务网络协调员' }),
  ]);
  return {
    sut,
    redisPrefix,
    tokens: { admin, reader, ops, coordinator },
    async stop() {
      await sut.stop();
      await deleteRedisKeys(redisPrefix);
    },
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function setTargets(ctx: KpiTestContext, settings: readonly TargetSetting[]): Promise<void> {
  const pending: { year: number; eventId: string }[] = [];
  for (const { year, kpiCode, ...body } of settings) {
    const res = await ctx.sut.http('PUT', `/kpi/targets/${year}/${kpiCode}`, body, ctx.tokens.admin);
    if (res.status !== 202) throw new Error(`PUT target ${year}/${kpiCode}: ${res.status} ${JSON.stringify(res.body)}`);
    pending.push({ year, eventId: res.body.eventId });
  }
  // Applied once consumed: wait until every setting is in the history.
  for (const year of new Set(pending.map((p) => p.year))) {
    await expectEventually(async () => {
      const res = await ctx.sut.http('GET', `/kpi/targets/${year}/history`, undefined, ctx.tokens.reader);
      const seen = new Set<string>((res.body?.items ?? []).map((i: { setBy: { id: string } }) => i.setBy.id));
      const missing = pending.filter((p) => p.year === year && !seen.has(p.eventId));
      if (missing.length > 0) throw new Error(`targets for ${year}: ${missing.length} not applied yet`);
    });
  }
}

/** KPI values of a year by code, from the lineage-backed as-of view (immediate after consumption) or the rollups. */
export async function values(ctx: KpiTestContext, year: number, query = ''): Promise<Record<string, number>> {
  const res = await ctx.sut.http('GET', `/kpi/${year}${query}`, undefined, ctx.tokens.reader);
  if (res.status !== 200) throw new Error(`GET /kpi/${year}${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries((res.body.kpis as { kpiCode: string; value: number }[]).map((k) => [k.kpiCode, k.value]));
}

export async function lineage(ctx: KpiTestContext, year: number, kpiCode: string, query = '') {
  const res = await ctx.sut.http('GET', `/kpi/${year}/${kpiCode}/lineage${query}`, undefined, ctx.tokens.reader);
  if (res.status !== 200) throw new Error(`lineage ${year}/${kpiCode}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    value: number;
    summary: Record<string, number>;
    items: {
      eventId: string;
      source: string;
      status: string;
      contribution: number;
      keys: string[];
      duplicates: { key: string; madeBy: { id: string } }[];
      reason: string | null;
      time: string;
      region: string;
      dataversion: string;
      attribution: { basis: string; centerRole: string | null; centerRoleLabel: { zh: string; en: string } | null; statedRole: string | null; organiser: { name: string; source?: string } | null } | null;
    }[];
    total: number;
  };
}

export const eventually = <T>(fn: () => Promise<T>, timeoutMs = 30_000) => expectEventually(fn, { timeoutMs, intervalMs: 150 });

// ---- event builders (valid against the contracts; Chinese data) ----

interface Opts {
  readonly id?: string;
  readonly time: string;
  readonly source?: Source;
  readonly region?: Region;
  /** Whose fact it is (#18.17); absent unless given, as on events published before the field existed. */
  readonly attribution?: Attribution;
}
const attributed = (o: Opts) => (o.attribution ? { attribution: o.attribution } : {});

/** A partner's statement that it organised or selected the fact jointly with the center (counts in 2024). */
export const jointWith = (source: Source, name: string): Attribution => ({ centerRole: 'joint', organiser: { name, source } });
const opts = (o: Opts, fallback: Source) => ({ source: o.source ?? fallback, time: o.time, ...(o.id && { id: o.id }), ...(o.region && { region: o.region }) });

export function activity(activityId: string, o: Opts, type: EventDataInput<'service.activity.held.v1'>['type'] = 'supply-demand-matching'): PlatformEvent {
  return buildEvent('service.activity.held.v1', { activityId, type, title: '京津冀科技成果供需对接会', heldOn: o.time.slice(0, 10), place: '天开高教科创园', organisers: ['天津中心'], participants: 80, pairsMatched: 5, ...attributed(o) }, opts(o, 'tjc/service-network'));
}

export function training(sessionId: string, enrolments: readonly string[], o: Opts): PlatformEvent {
  return buildEvent(
    'service.training.completed.v1',
    {
      sessionId,
      courseId: 'course-tm',
      courseType: 'technology-manager',
      courseTitle: '技术经理人初级培训（京津冀联合班）',
      completedOn: o.time.slice(0, 10),
      completions: enrolments.map((e) => ({ enrolmentId: e, traineeId: `p-${e}` })),
      personTimes: new Set(enrolments).size,
    },
    opts(o, 'tjc/service-network'),
  );
}

export function transfer(transferId: string, originRegion: Region, o: Opts): PlatformEvent {
  return buildEvent(
    'service.achievement.transferred.v1',
    {
      transferId,
      achievement: { title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
      origin: { name: originRegion === 'hebei' ? '河北工业大学' : originRegion === 'beijing' ? '清华大学' : '南开大学', region: originRegion },
      receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
      mode: 'licence',
      contractAmount: { amount: '1200000.00', currency: 'CNY' },
      landedOn: o.time.slice(0, 10),
    },
    opts(o, 'tjc/service-network'),
  );
}

export function consortium(consortiumId: string, lead: { id: string; region: Region; isKeyEnterprise: boolean }, o: Opts): PlatformEvent {
  return buildEvent(
    'industry.consortium.formed.v1',
    {
      consortiumId,
      name: '太赫兹通信芯片创新联合体',
      topic: '6G太赫兹通信芯片关键核心技术攻关',
      field: 'integrated-circuits',
      leadEnterprise: { id: lead.id, name: '飞腾信息技术有限公司', region: lead.region, isKeyEnterprise: lead.isKeyEnterprise },
      members: [{ name: '北京大学', region: 'beijing', type: 'university' }],
      formedOn: o.time.slice(0, 10),
      ...attributed(o),
    },
    opts(o, 'tjc/industry-network'),
  );
}

export function projectFound(projectId: string, o: Opts): PlatformEvent {
  return buildEvent(
    'research.project.found.v1',
    {
      projectId,
      title: '面向6G的太赫兹通信芯片',
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      field: 'integrated-circuits',
      trl: 5,
      demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
      ...attributed(o),
    },
    opts(o, 'tjc/research-network'),
  );
}

export function correction(target: PlatformEvent, o: Opts & { action?: 'retract' | 'amend'; replacement?: Record<string, unknown>; correctionId?: string }): PlatformEvent {
  return buildEvent(
    'center.event.corrected.v1',
    {
      correctionId: o.correctionId ?? uniqueName('corr').replace(/_/g, '-'),
      target: { source: target.source, id: target.id, type: target.type },
      action: o.action ?? 'retract',
      reason: o.action === 'amend' ? '更正来源机构' : '重复录入，撤回',
      ...(o.replacement && { replacement: o.replacement }),
    },
    opts(o, 'tjc/center'),
  );
}
