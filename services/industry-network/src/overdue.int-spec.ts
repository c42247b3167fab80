/**
 * Overdue work (#19.6): demands and challenges whose deadline has passed while
 * they still wait on it carry `overdue: true`, and `overdue=true|false` filters
 * the lists in the query (items and total). Nothing is closed automatically.
 * The service runs in this process with its business clock pinned to the
 * moment the file starts, so "today" is one date for the whole run even if it
 * crosses midnight in Asia/Shanghai; the dates below are relative to it. Real: PostgreSQL (migrated clone, empty), Kafka, the Nest app, signed JWTs.
 * One service for the file, so the totals below count exactly these records.
 */
import path from 'node:path';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { AppModule, CONSUMER } from './app.module';
import { loadServiceConfig } from './config';
import { pinBusinessClockForTests, todayInShanghai } from './shared/business-time';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;

const money = (amount: string) => ({ amount, currency: 'CNY' as const });
/** A calendar date `days` after (or before) `date`. */
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// The service reads this same instant on every request (pinned below), so the test's "today" is the service's.
const startedAt = new Date();
pinBusinessClockForTests(startedAt);
const today = todayInShanghai(startedAt);
const yesterday = plusDays(today, -1);
const longAgo = plusDays(today, -20);

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ sub: 'zhao.min', name: '赵敏', roles: ['coordinator'], network: 'industry' });
});
afterAll(async () => {
  await sut.stop();
  pinBusinessClockForTests(undefined);
});

interface Row { id: string; title: string; status: string; overdue: boolean; version: number }
interface ListBody { items: Row[]; total: number }

async function post(path: string, body: Record<string, unknown>, expected = 201) {
  const res = await sut.http('POST', path, body, coordinator);
  expect(res.status).toBe(expected);
  return res.body as Row;
}
async function list(path: string): Promise<ListBody> {
  const res = await sut.http('GET', path, undefined, coordinator);
  expect(res.status).toBe(200);
  return res.body as ListBody;
}
const titles = (page: ListBody) => page.items.map((r) => r.title).sort();

describe('overdue demands and challenges (已逾期)', () => {
  let demand: Record<'yesterday' | 'today' | 'none' | 'closedLate' | 'publishedLate' | 'ofLate' | 'ofToday' | 'ofAwarded' | 'ofCancelled', Row>;
  let challenge: Record<'yesterday' | 'today' | 'awardedLate' | 'cancelledLate', Row>;

  beforeAll(async () => {
    await post('/enterprises', { id: 'ent-tasly', name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true });
    const postDemand = (title: string, deadline?: string) =>
      post('/demands', { enterpriseId: 'ent-tasly', field: 'biomedicine', title, problem: '需要攻克的关键技术问题。', postedOn: longAgo, ...(deadline !== undefined && { deadline }) });
    demand = {
      yesterday: await postDemand('需求·昨日截止', yesterday),
      today: await postDemand('需求·今日截止', today),
      none: await postDemand('需求·无截止日期'),
      closedLate: await postDemand('需求·逾期后关闭', yesterday),
      publishedLate: await postDemand('需求·已发榜且需求逾期', yesterday),
      ofLate: await postDemand('需求·榜单昨日截止'),
      ofToday: await postDemand('需求·榜单今日截止'),
      ofAwarded: await postDemand('需求·榜单逾期后揭榜'),
      ofCancelled: await postDemand('需求·榜单逾期后撤榜'),
    };
    await post(`/demands/${demand.closedLate.id}/close`, { version: 1, reason: '企业已自行解决' }, 200);

    const publish = (d: Row, deadline: string) => post('/challenges', { demandId: d.id, reward: money('1000000.00'), deadline, publishedOn: longAgo });
    challenge = {
      yesterday: await publish(demand.ofLate, yesterday),
      today: await publish(demand.ofToday, today),
      awardedLate: await publish(demand.ofAwarded, plusDays(today, -3)),
      cancelledLate: await publish(demand.ofCancelled, plusDays(today, -3)),
    };
    // A demand published as a challenge, its own deadline passed: its challenge (deadline in the future) now carries it.
    await publish(demand.publishedLate, plusDays(today, 30));
    const application = await post(`/challenges/${challenge.awardedLate.id}/applications`, { institution: { name: '北京大学', region: 'beijing', type: 'university' }, proposal: '复方制剂智能制造方案。', submittedOn: plusDays(today, -5) });
    await post(`/challenges/${challenge.awardedLate.id}/award`, { version: 1, applicationId: application.id, awardedOn: yesterday }, 200);
    await post(`/challenges/${challenge.cancelledLate.id}/cancel`, { version: 1, reason: '企业调整研发计划' }, 200);
  });

  it('flags an open demand whose deadline was yesterday, in the list and the detail, and nothing else', async () => {
    const all = await list('/demands?limit=200');
    expect(all.total).toBe(9);
    expect(Object.fromEntries(all.items.map((d) => [d.title, d.overdue]))).toEqual({
      '需求·昨日截止': true,
      '需求·今日截止': false,
      '需求·无截止日期': false,
      '需求·逾期后关闭': false,
      '需求·已发榜且需求逾期': false,
      '需求·榜单昨日截止': false,
      '需求·榜单今日截止': false,
      '需求·榜单逾期后揭榜': false,
      '需求·榜单逾期后撤榜': false,
    });
    expect(all.items.find((d) => d.title === '需求·逾期后关闭')?.status).toBe('closed');
    expect(all.items.find((d) => d.title === '需求·已发榜且需求逾期')?.status).toBe('published-as-challenge');
    expect((await sut.http('GET', `/demands/${demand.yesterday.id}`, undefined, coordinator)).body).toMatchObject({ overdue: true, status: 'open', deadline: yesterday });
    expect((await sut.http('GET', `/demands/${demand.today.id}`, undefined, coordinator)).body).toMatchObject({ overdue: false, status: 'open', deadline: today });
  });

  it('filters demands by overdue in the query: items and total, with paging and other filters', async () => {
    const overdue = await list('/demands?overdue=true');
    expect(titles(overdue)).toEqual(['需求·昨日截止']);
    expect(overdue.total).toBe(1);

    // Demands without a deadline are not overdue and must not fall out of this list.
    const notOverdue = await list('/demands?overdue=false&limit=200');
    expect(notOverdue.total).toBe(8);
    expect(notOverdue.items.every((d) => !d.overdue)).toBe(true);
    expect(titles(notOverdue)).toContain('需求·无截止日期');

    const page = await list('/demands?overdue=false&limit=3&offset=6&sort=title');
    expect(page.total).toBe(8);
    expect(page.items).toHaveLength(2);

    const openInTime = await list('/demands?status=open&overdue=false');
    expect(titles(openInTime)).toEqual(['需求·今日截止', '需求·无截止日期', '需求·榜单逾期后撤榜'].sort());
    expect(openInTime.total).toBe(3);
    expect((await list('/demands?status=closed&overdue=true')).total).toBe(0);
  });

  it('flags a challenge still taking applications past its deadline, not one due today, awarded or cancelled', async () => {
    const all = await list('/challenges?limit=200');
    expect(all.total).toBe(5);
    const byId = new Map(all.items.map((c) => [c.id, c]));
    expect(byId.get(challenge.yesterday.id)).toMatchObject({ status: 'published', overdue: true });
    expect(byId.get(challenge.today.id)).toMatchObject({ status: 'published', overdue: false });
    expect(byId.get(challenge.awardedLate.id)).toMatchObject({ status: 'awarded', overdue: false });
    expect(byId.get(challenge.cancelledLate.id)).toMatchObject({ status: 'cancelled', overdue: false });
    expect((await sut.http('GET', `/challenges/${challenge.yesterday.id}`, undefined, coordinator)).body).toMatchObject({ overdue: true, deadline: yesterday });

    const overdue = await list('/challenges?overdue=true');
    expect(overdue.items.map((c) => c.id)).toEqual([challenge.yesterday.id]);
    expect(overdue.total).toBe(1);
    const notOverdue = await list('/challenges?overdue=false&limit=2');
    expect(notOverdue.total).toBe(4);
    expect(notOverdue.items).toHaveLength(2);
    expect((await list('/challenges?status=published&overdue=false')).items.map((c) => c.title).sort()).toEqual(['需求·已发榜且需求逾期揭榜挂帅', '需求·榜单今日截止揭榜挂帅']);
  });

  it('answers 400 naming the field and the rule for a bad overdue value', async () => {
    for (const url of ['/demands?overdue=yes', '/challenges?overdue=1']) {
      const res = await sut.http('GET', url, undefined, coordinator);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'overdue', rule: 'invalid_value' })]);
    }
  });
});
