/**
 * 成果转化 end to end through the real service. Real: PostgreSQL (migrated
 * clone), Kafka (namespaced topics), the Nest app with outbox relay and
 * consumer, signed JWTs. Faked: nothing; the research and fund networks are
 * played by publishing their catalogue events.
 */
import path from 'node:path';
import { buildEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually } from '@tjc/testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { CONSUMER } from '../consumer';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;
let reader: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ roles: ['coordinator'], network: 'service', name: '服务网络协调员' });
  reader = await sut.token({ roles: ['reader'] });
});
afterAll(() => sut.stop());

const money = (amount: string) => ({ amount, currency: 'CNY' as const });

/** Registers a candidate by hand (an offer from a Beijing partner) and returns it. */
async function registerCandidate(title: string) {
  const res = await sut.http(
    'POST',
    '/transfers',
    { achievement: { title, field: 'new-energy', summary: '固态电解质规模化制备' }, origin: { name: '清华大学', region: 'beijing', type: 'university' }, askingPrice: money('800000.00') },
    coordinator,
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; status: string };
}

describe('transfer candidates from the research network and partners', () => {
  it('lists found projects and listed achievements as candidates, merges a project with its achievement, and applies each event once', async () => {
    const found = buildEvent(
      'research.project.found.v1',
      {
        projectId: 'hq-2024-017',
        title: '固态锂电池电解质',
        institution: { name: '清华大学', region: 'beijing', type: 'university' },
        field: 'new-energy',
        trl: 6,
        demonstration: { withHq: true, conclusion: '本部遴选，具备颠覆性' },
        landingPlan: { summary: '在宝坻京津中关村科技城建设中试线', targetPark: '宝坻京津中关村科技城' },
      },
      { source: 'partner/beijing-hq', time: '2024-03-01T10:00:00+08:00' },
    );
    const listed = buildEvent(
      'research.achievement.listed.v1',
      {
        achievementId: 'ach-hb-2024-003',
        title: '高性能碳纤维复合材料制备技术',
        field: 'new-materials',
        owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
        summary: '低成本碳纤维复合材料连续化制备工艺。',
        ipKind: 'patent',
        askingPrice: money('1500000.00'),
      },
      { source: 'partner/hebei-center', time: '2024-03-02T10:00:00+08:00' },
    );
    const listedForProject = buildEvent(
      'research.achievement.listed.v1',
      {
        achievementId: 'ach-bj-2024-101',
        title: '固态锂电池电解质（专利包）',
        field: 'new-energy',
        owner: { name: '清华大学', region: 'beijing', type: 'university' },
        summary: '三项发明专利打包转化。',
        projectId: 'hq-2024-017',
      },
      { source: 'partner/beijing-hq', time: '2024-03-03T10:00:00+08:00' },
    );
    // The same event twice (a redelivery): the inbox must apply it once.
    await sut.events.publish(found, listed, listed);
    await expectEventually(async () => {
      const res = await sut.http('GET', '/transfer-candidates?sort=title', undefined, reader);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
    });
    await sut.events.publish(listedForProject);

    const hebei = await expectEventually(async () => {
      const res = await sut.http('GET', '/transfer-candidates?originRegion=hebei', undefined, reader);
      expect(res.body.total).toBe(1);
      return res.body.items[0];
    });
    expect(hebei).toMatchObject({
      status: 'candidate',
      channel: 'event',
      offeredBy: 'partner/hebei-center',
      achievement: { id: 'ach-hb-2024-003', title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
      origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
      askingPrice: money('1500000.00'),
      // Version 1: the redelivered copy of the event was not applied a second time.
      version: 1,
    });

    const merged = await expectEventually(async () => {
      const res = await sut.http('GET', '/transfer-candidates?projectId=hq-2024-017', undefined, reader);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0].achievement.id).toBe('ach-bj-2024-101');
      return res.body.items[0];
    });
    expect(merged).toMatchObject({ projectId: 'hq-2024-017', achievement: { title: '固态锂电池电解质（专利包）' }, origin: { region: 'beijing' }, version: 2 });

    const audit = await sut.http('GET', `/transfers/${merged.id}/audit`, undefined, reader);
    expect(audit.body.items.map((a: { actor: string; action: string }) => `${a.actor} ${a.action}`)).toEqual([
      'event:partner/beijing-hq transfer.candidate-received',
      'event:partner/beijing-hq transfer.candidate-refreshed',
    ]);
    expect((await sut.http('GET', '/transfer-candidates?q=碳纤维', undefined, reader)).body.total).toBe(1);
  });
});

describe('partner re-publications of an offer', () => {
  it('keeps the newer offer when an older version arrives after it, and records the skip on the candidate (#18.13)', async () => {
    const listing = (title: string, time: string) =>
      buildEvent(
        'research.achievement.listed.v1',
        { achievementId: 'ach-xa-2024-009', title, field: 'artificial-intelligence', owner: { name: '雄安新区科技创新研究院', region: 'xiongan' }, summary: '新城建设的数字孪生底座。' },
        { source: 'partner/xiongan-center', time },
      );
    const june = listing('城市数字孪生底座（六月版）', '2024-06-05T10:00:00+08:00');
    const may = listing('城市数字孪生底座（五月版）', '2024-05-05T10:00:00+08:00');
    await sut.events.publish(june, may);
    const candidate = await expectEventually(async () => {
      const res = await sut.http('GET', '/transfer-candidates?achievementId=ach-xa-2024-009', undefined, reader);
      expect(res.body.total).toBe(1);
      const items = (await sut.http('GET', `/transfers/${res.body.items[0].id}/audit`, undefined, reader)).body.items;
      expect(items.map((a: { action: string }) => a.action)).toEqual(['transfer.candidate-received', 'transfer.candidate-update-skipped']);
      expect(items[1]).toMatchObject({ eventId: may.id, detail: { reason: 'older-than-held', held: '2024-06-05T02:00:00.000Z', sent: '2024-05-05T02:00:00.000Z' } });
      return res.body.items[0];
    });
    expect(candidate).toMatchObject({ achievement: { title: '城市数字孪生底座（六月版）' }, version: 1 });
  });
});

describe('transfer lifecycle, funding and investment', () => {
  it('matches, negotiates and lands a Hebei achievement in a Tianjin park, emitting the landing at its business time, then is marked funded by an investment', async () => {
    const candidate = await expectEventually(async () => {
      const res = await sut.http('GET', '/transfer-candidates?achievementId=ach-hb-2024-003', undefined, coordinator);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0] as { id: string; version: number };
    });
    const id = candidate.id;

    const matched = await sut.http('POST', `/transfers/${id}/match`, { version: candidate.version, receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' } }, coordinator);
    expect(matched.status).toBe(200);
    expect(matched.body).toMatchObject({ status: 'matching', version: 2, allowedTransitions: ['negotiating', 'abandoned'] });

    // 409: landing is not allowed from matching; the body says where we are and what is possible.
    const early = await sut.http('POST', `/transfers/${id}/land`, { version: 2, mode: 'licence', contractAmount: money('1.00'), landedOn: '2024-07-02' }, coordinator);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'matching', allowedTransitions: ['negotiating', 'abandoned'] });

    // 409: a stale version.
    const stale = await sut.http('POST', `/transfers/${id}/negotiate`, { version: 1, note: '首轮洽谈' }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });

    const negotiating = await sut.http('POST', `/transfers/${id}/negotiate`, { version: 2, note: '首轮洽谈：先使用后付费' }, coordinator);
    expect(negotiating.body).toMatchObject({ status: 'negotiating', version: 3, negotiationNote: '首轮洽谈：先使用后付费' });

    // 403: another network's coordinator cannot change service records; a reader cannot either.
    const industry = await sut.token({ roles: ['coordinator'], network: 'industry' });
    const landing = { version: 3, mode: 'use-first-pay-later', contractAmount: money('1200000.00'), landedOn: '2024-07-02' };
    expect((await sut.http('POST', `/transfers/${id}/land`, landing, industry)).status).toBe(403);
    expect((await sut.http('POST', `/transfers/${id}/land`, landing, reader)).status).toBe(403);
    expect((await sut.http('GET', `/transfers/${id}`, undefined, industry)).status).toBe(200);

    const landed = await sut.http('POST', `/transfers/${id}/land`, landing, coordinator);
    expect(landed.status).toBe(200);
    expect(landed.body).toMatchObject({ status: 'landed', mode: 'use-first-pay-later', contractAmount: money('1200000.00'), landedOn: '2024-07-02', allowedTransitions: [] });

    const [event] = await sut.events.expect('service.achievement.transferred.v1', (e) => e.subject === id);
    expect(event!.source).toBe('tjc/service-network');
    expect(event!.time).toBe('2024-07-02T12:00:00+08:00');
    expect(event!.data).toEqual({
      transferId: id,
      achievement: { id: 'ach-hb-2024-003', title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
      origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
      receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
      mode: 'use-first-pay-later',
      contractAmount: money('1200000.00'),
      landedOn: '2024-07-02',
    });

    // Landed is final.
    const again = await sut.http('POST', `/transfers/${id}/abandon`, { version: 4, reason: '误操作' }, coordinator);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'landed', allowedTransitions: [] });

    // Special funding: applied → reviewed → granted; one open application at a time; the grant cannot exceed the request.
    // 400: an application dated in the future, or for 0 yuan, naming the field.
    const future = await sut.http('POST', `/transfers/${id}/funding-applications`, { requestedAmount: money('500000.00'), purpose: '中试线设备购置', appliedOn: '2999-01-01' }, coordinator);
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'appliedOn', rule: 'custom', message: 'must not be in the future (Asia/Shanghai)' })]);
    const zero = await sut.http('POST', `/transfers/${id}/funding-applications`, { requestedAmount: money('0.00'), purpose: '中试线设备购置', appliedOn: '2024-08-01' }, coordinator);
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([expect.objectContaining({ path: 'requestedAmount.amount', rule: 'custom', message: 'must be greater than 0' })]);
    const applied = await sut.http('POST', `/transfers/${id}/funding-applications`, { requestedAmount: money('500000.00'), purpose: '中试线设备购置', appliedOn: '2024-08-01' }, coordinator);
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'applied', transferId: id, requestedAmount: money('500000.00'), version: 1 });
    const appId = applied.body.id as string;
    // 409 with the same shape as "not landed" (below), naming the open application.
    const second = await sut.http('POST', `/transfers/${id}/funding-applications`, { requestedAmount: money('1.00'), purpose: '重复申请', appliedOn: '2024-08-02' }, coordinator);
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ statusCode: 409, error: 'Conflict', message: `该项目已有进行中的专项资金申请 ${appId}（当前为「已申请」）`, currentState: 'applied', allowedTransitions: ['reviewed'], openApplicationId: appId });
    const grantEarly = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 1, grantedAmount: money('1.00'), decidedOn: '2024-08-20' }, coordinator);
    expect(grantEarly.status).toBe(409);
    expect(grantEarly.body).toMatchObject({ currentState: 'applied', allowedTransitions: ['reviewed'] });
    const reviewed = await sut.http(
      'POST',
      `/funding-applications/${appId}/review`,
      {
        version: 1,
        reviews: [
          { expertName: '李华', expertRegion: 'beijing', score: 85 },
          { expertName: '张伟', expertRegion: 'hebei', score: 86, comment: '产业化前景好' },
          { expertName: '刘洋', expertRegion: 'tianjin', score: 86 },
        ],
      },
      coordinator,
    );
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewScore: '85.67', version: 2 });
    const tooMuch = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 2, grantedAmount: money('500000.01'), decidedOn: '2024-08-20' }, coordinator);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([expect.objectContaining({ path: 'grantedAmount.amount', rule: 'too_big' })]);
    // 400: a decision before the application date (checked against the stored application), or in the future, or of 0 yuan.
    const beforeApplied = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 2, grantedAmount: money('400000.00'), decidedOn: '2024-07-31' }, coordinator);
    expect(beforeApplied.status).toBe(400);
    expect(beforeApplied.body.errors).toEqual([{ path: 'decidedOn', rule: 'custom', message: 'must not be before appliedOn (2024-08-01)' }]);
    const declineBefore = await sut.http('POST', `/funding-applications/${appId}/decline`, { version: 2, reason: '材料不全', decidedOn: '2024-07-31' }, coordinator);
    expect(declineBefore.status).toBe(400);
    expect(declineBefore.body.errors).toEqual([expect.objectContaining({ path: 'decidedOn', rule: 'custom' })]);
    const decidedInFuture = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 2, grantedAmount: money('400000.00'), decidedOn: '2999-01-01' }, coordinator);
    expect(decidedInFuture.body.errors).toEqual([expect.objectContaining({ path: 'decidedOn', rule: 'custom', message: 'must not be in the future (Asia/Shanghai)' })]);
    const grantZero = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 2, grantedAmount: money('0'), decidedOn: '2024-08-20' }, coordinator);
    expect(grantZero.body.errors).toEqual([expect.objectContaining({ path: 'grantedAmount.amount', rule: 'custom', message: 'must be greater than 0' })]);
    const granted = await sut.http('POST', `/funding-applications/${appId}/grant`, { version: 2, grantedAmount: money('400000.00'), decidedOn: '2024-08-20' }, coordinator);
    expect(granted.body).toMatchObject({ status: 'granted', grantedAmount: money('400000.00'), decidedOn: '2024-08-20' });
    expect((await sut.http('GET', `/funding-applications?transferId=${id}&status=granted`, undefined, reader)).body.total).toBe(1);

    // The fund network invests in the landed transfer.
    await sut.events.publish(
      buildEvent(
        'fund.investment.made.v1',
        {
          investmentId: 'inv-2024-0004',
          fund: { id: 'fund-tiankai-seed', name: '天开园创业种子基金', type: 'seed' },
          investee: { name: '天津碳谷新材料有限公司', region: 'tianjin', type: 'enterprise' },
          amount: money('3000000.00'),
          round: 'seed',
          investedOn: '2024-08-15',
          transferId: id,
        },
        { source: 'tjc/fund-network', time: '2024-08-15T10:00:00+08:00' },
      ),
    );
    const funded = await expectEventually(async () => {
      const res = await sut.http('GET', `/transfers/${id}`, undefined, reader);
      expect(res.body.funded).toBe(true);
      return res.body;
    });
    expect(funded.investments).toEqual([{ investmentId: 'inv-2024-0004', fund: { id: 'fund-tiankai-seed', name: '天开园创业种子基金' }, amount: money('3000000.00'), investedOn: '2024-08-15' }]);
    expect(funded.fundedAt).toBe('2024-08-15T02:00:00.000Z');
    expect((await sut.http('GET', '/transfers?funded=true', undefined, reader)).body.items.map((t: { id: string }) => t.id)).toEqual([id]);

    const audit = await sut.http('GET', `/transfers/${id}/audit`, undefined, reader);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'transfer.candidate-received',
      'transfer.matched',
      'transfer.negotiation-started',
      'transfer.landed',
      'transfer.funding-applied',
      'transfer.funded',
    ]);
    expect(audit.body.items[1].actor).toBe('coordinator-service@service');
  });

  it('uses an exact landing instant as the event time, and abandons a candidate at once', async () => {
    const a = await registerCandidate('固态电池正极材料');
    const b = await registerCandidate('氢燃料电池双极板');
    let version = a.version;
    const step = async (action: string, body: Record<string, unknown>) => {
      const res = await sut.http('POST', `/transfers/${a.id}/${action}`, { version, ...body }, coordinator);
      expect(res.status).toBe(200);
      version = res.body.version;
    };
    await step('match', { receiver: { kind: 'park', name: '宝坻京津中关村科技城' } });
    await step('negotiate', {});
    await step('land', { mode: 'equity', contractAmount: money('2000000'), landedOn: '2023-12-31', landedAt: '2023-12-31T20:00:00+08:00' });

    const [event] = await sut.events.expect('service.achievement.transferred.v1', (e) => e.subject === a.id);
    // The Shanghai year of this instant is 2023 although it is 12:00 UTC: the KPI counts it in 2023.
    expect(event!.time).toBe('2023-12-31T20:00:00+08:00');
    expect(event!.data).toMatchObject({ receiver: { kind: 'park', name: '宝坻京津中关村科技城', park: '宝坻京津中关村科技城' }, contractAmount: money('2000000.00'), mode: 'equity' });
    expect((await sut.http('GET', `/transfers/${a.id}`, undefined, reader)).body.contractAmount).toEqual(money('2000000.00'));

    const abandoned = await sut.http('POST', `/transfers/${b.id}/abandon`, { version: b.version, reason: '权利人撤回' }, coordinator);
    expect(abandoned.body).toMatchObject({ status: 'abandoned', abandonReason: '权利人撤回' });
    const notLanded = await sut.http('POST', `/transfers/${b.id}/funding-applications`, { requestedAmount: money('1.00'), purpose: '测试', appliedOn: '2024-01-02' }, coordinator);
    expect(notLanded.status).toBe(409);
    expect(notLanded.body).toMatchObject({ currentState: 'abandoned', allowedTransitions: [] });

    // Pagination is a window onto the same sorted list.
    const all = await sut.http('GET', '/transfers?originRegion=beijing&sort=-title', undefined, reader);
    expect(all.body.total).toBe(3);
    const page = await sut.http('GET', '/transfers?originRegion=beijing&sort=-title&limit=1&offset=1', undefined, reader);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((t: { id: string }) => t.id)).toEqual([all.body.items[1].id]);
    expect((await sut.http('GET', '/transfers?status=abandoned', undefined, reader)).body.items.map((t: { id: string }) => t.id)).toEqual([b.id]);
    // Sorting by amount puts the largest landed contract first and transfers without a contract last.
    const byAmount = await sut.http('GET', '/transfers?sort=-contractAmount', undefined, reader);
    const amounts = byAmount.body.items.map((t: { contractAmount: { amount: string } | null }) => t.contractAmount?.amount ?? null);
    expect(amounts.slice(0, 2)).toEqual(['2000000.00', '1200000.00']);
    expect(amounts.slice(2).every((x: string | null) => x === null)).toBe(true);
    expect((await sut.http('GET', '/funding-applications?sort=-reviewScore', undefined, reader)).status).toBe(200);
  });

  it('dead-letters an investment that names an unknown transfer instead of retrying it', async () => {
    const investment = buildEvent(
      'fund.investment.made.v1',
      {
        investmentId: 'inv-2024-0999',
        fund: { id: 'fund-tj-angel', name: '天津市天使母基金', type: 'angel' },
        investee: { name: '天津某科技有限公司', region: 'tianjin', type: 'enterprise' },
        amount: money('1000000.00'),
        round: 'angel',
        investedOn: '2024-09-01',
        transferId: 'tr-does-not-exist',
      },
      { source: 'tjc/fund-network' },
    );
    await sut.events.publish(investment);
    const ops = await sut.token({ roles: ['ops'] });
    const letter = await expectEventually(async () => {
      const res = await sut.http('GET', '/ops/dead-letters', undefined, ops);
      const found = res.body.items.find((d: { eventId: string }) => d.eventId === investment.id);
      expect(found).toBeDefined();
      return found;
    });
    expect(letter).toMatchObject({ errorKind: 'permanent', attempts: 1 });
    expect(letter.error).toContain('unknown transfer tr-does-not-exist');
  });

  it('answers 400 with field paths and rules, and 404 for unknown ids', async () => {
    const bad = await sut.http(
      'POST',
      '/transfers',
      { achievement: { title: '  ', field: 'quantum' }, origin: { name: '北京大学', region: 'shanghai' }, askingPrice: { amount: 1.5, currency: 'CNY' } },
      coordinator,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'achievement.title', rule: 'custom' }),
        expect.objectContaining({ path: 'achievement.field', rule: 'invalid_value' }),
        expect.objectContaining({ path: 'origin.region', rule: 'invalid_value' }),
        expect.objectContaining({ path: 'askingPrice.amount', rule: 'invalid_type' }),
      ]),
    );
    const badQuery = await sut.http('GET', '/transfers?sort=price&limit=0', undefined, reader);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'sort']);

    expect((await sut.http('GET', '/transfers/no-such-transfer', undefined, reader)).status).toBe(404);
    expect((await sut.http('GET', '/transfers/no-such-transfer/audit', undefined, reader)).status).toBe(404);
    expect((await sut.http('POST', '/transfers/no-such-transfer/match', { version: 1, receiver: { kind: 'park', name: '天开高教科创园' } }, coordinator)).status).toBe(404);
    expect((await sut.http('POST', '/funding-applications/no-such-application/review', { version: 1, reviews: [{ expertName: '李华', expertRegion: 'beijing', score: 90 }] }, coordinator)).status).toBe(404);
  });
});
