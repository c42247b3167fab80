/**
 * Funds, sub-funds and the deal pipeline, end to end.
 * Real: PostgreSQL (migrated clone), Kafka (namespaced topics), the Nest app
 * with its HTTP API, outbox relay, consumer and signed JWTs. Faked: nothing.
 */
import path from 'node:path';
import { buildEvent, EVENTS } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually } from '@tjc/testing';
import { AppModule, CONSUMED_TOPICS, CONSUMER_GROUP } from '../app.module';
import { loadServiceConfig } from '../config';
import { PrismaService } from '../prisma.service';

let sut: ServiceUnderTest;
let coordinator: string;
let researchCoordinator: string;
let reader: string;

async function setup() {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: { groupId: CONSUMER_GROUP, topics: CONSUMED_TOPICS },
  });
  coordinator = await sut.token({ roles: ['coordinator'], network: 'fund', sub: 'wang.fang', name: '王芳' });
  researchCoordinator = await sut.token({ roles: ['coordinator'], network: 'research', sub: 'li.lei', name: '李雷' });
  reader = await sut.token({ roles: ['reader'] });
}

/** True once the consumer has committed its effects for this event (inbox row written in the same transaction). */
async function processed(eventId: string): Promise<void> {
  const rows = await sut.service.app.get(PrismaService).$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_inbox WHERE event_id = $1`, eventId);
  if (Number(rows[0]?.n) !== 1) throw new Error(`event ${eventId} not processed yet`);
}

const money = (amount: string) => ({ amount, currency: 'CNY' as const });

beforeAll(setup);
afterAll(() => sut.stop());

describe('fund network: funds and the deal pipeline', () => {
  let seedFundId: string;

  it('documents its routes at /docs/json', async () => {
    const res = await sut.http('GET', '/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining(['/funds', '/funds/{id}', '/funds/{id}/sub-funds', '/deals', '/deals/{id}/advance', '/deals/{id}/decline', '/deals/{id}/invest', '/investments', '/grants', '/grants/{id}/convert', '/grants/{id}/milestones/{seq}/meet']),
    );
    // Request bodies come from the zod schemas.
    expect(JSON.stringify(res.body.paths['/deals/{id}/invest'].post.requestBody)).toContain('investedOn');
  });

  it('registers funds and sub-funds, and computes leverage in exact decimals', async () => {
    const created = await sut.http(
      'POST',
      '/funds',
      { id: 'fund-tiankai-seed', name: '天开园创业种子基金', type: 'seed', manager: '天津天开发展集团有限公司', size: money('500000000.00'), establishedOn: '2023-06-30' },
      coordinator,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'fund-tiankai-seed', name: '天开园创业种子基金', size: money('500000000.00'), version: 1 });
    seedFundId = created.body.id;

    expect((await sut.http('POST', '/funds', { name: '天开园创业种子基金', type: 'seed', manager: '其他管理人', size: money('1.00') }, coordinator)).status).toBe(409);

    const a = await sut.http('POST', `/funds/${seedFundId}/sub-funds`, { name: '天开园硬科技子基金', manager: '天津海河创投', size: money('100000000.00'), ownContribution: money('20000000.00') }, coordinator);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ socialCapital: money('80000000.00'), leverage: '4.0000' });
    await sut.http('POST', `/funds/${seedFundId}/sub-funds`, { name: '天开园生物医药子基金', manager: '天津生物医药创投', size: money('30000000.00'), ownContribution: money('10000000.00') }, coordinator);

    const fund = await sut.http('GET', `/funds/${seedFundId}`, undefined, reader);
    expect(fund.status).toBe(200);
    // 100,000,000 social capital over 30,000,000 own contribution, not the mean of 4 and 2.
    expect(fund.body.subFunds).toEqual({ count: 2, totalSize: money('130000000.00'), ownContribution: money('30000000.00'), socialCapital: money('100000000.00'), leverage: '3.3333' });

    const list = await sut.http('GET', '/funds?type=seed&q=天开&sort=-size', undefined, reader);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ id: seedFundId }] });
    const subFunds = await sut.http('GET', `/funds/${seedFundId}/sub-funds?sort=-size&limit=1`, undefined, reader);
    expect(subFunds.body).toMatchObject({ total: 2, limit: 1, items: [{ name: '天开园硬科技子基金' }] });
  });

  it('answers 400 with the field path and rule, 404 for unknown ids, 409 for a stale version, 403 for another network', async () => {
    const bad = await sut.http('POST', '/funds', { name: '天津市天使母基金', type: 'angel-fund', manager: '天津市天使投资引导基金', size: { amount: '1.234', currency: 'CNY' } }, coordinator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'type', rule: 'invalid_value' }), expect.objectContaining({ path: 'size.amount', rule: 'invalid_format' })]),
    );
    const leverageRule = await sut.http('POST', `/funds/${seedFundId}/sub-funds`, { name: '超额出资子基金', manager: '某管理人', size: money('100.00'), ownContribution: money('100.01') }, coordinator);
    expect(leverageRule.status).toBe(400);
    expect(leverageRule.body.errors).toEqual([expect.objectContaining({ path: 'ownContribution.amount', rule: 'custom' })]);

    expect((await sut.http('GET', '/funds/fund-unknown', undefined, reader)).status).toBe(404);
    expect((await sut.http('GET', '/deals/deal-unknown', undefined, reader)).status).toBe(404);
    expect((await sut.http('POST', '/deals/deal-unknown/advance', { version: 1, to: 'due-diligence' }, coordinator)).status).toBe(404);

    const renamed = await sut.http('PATCH', `/funds/${seedFundId}`, { version: 1, manager: '天开发展集团基金管理有限公司' }, coordinator);
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    const stale = await sut.http('PATCH', `/funds/${seedFundId}`, { version: 1, manager: '过期的修改' }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    expect((await sut.http('POST', '/funds', { name: '越权基金', type: 'other', manager: '科研网络', size: money('1.00') }, researchCoordinator)).status).toBe(403);
    expect((await sut.http('PATCH', `/funds/${seedFundId}`, { version: 2, manager: '越权修改' }, researchCoordinator)).status).toBe(403);
    expect((await sut.http('POST', '/deals', { title: '越权项目', investee: { name: '某公司', region: 'tianjin' } }, reader)).status).toBe(403);
    // Reads stay open to other networks.
    expect((await sut.http('GET', `/funds/${seedFundId}`, undefined, researchCoordinator)).status).toBe(200);
  });

  it('moves a deal through due diligence and the committee, refuses skips, and emits fund.investment.made.v1 at the business time', async () => {
    const opened = await sut.http(
      'POST',
      '/deals',
      { title: '高精度光刻胶国产化', investee: { name: '天津晶材科技有限公司', region: 'tianjin', type: 'enterprise' }, field: 'new-materials', fundingNeed: money('8000000.00'), fundId: seedFundId },
      coordinator,
    );
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ stage: 'opportunity', origin: 'manual', version: 1, allowedTransitions: ['due-diligence', 'declined'] });
    const id: string = opened.body.id;

    const skip = await sut.http('POST', `/deals/${id}/advance`, { version: 1, to: 'investment-committee' }, coordinator);
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ currentState: 'opportunity', allowedTransitions: ['due-diligence', 'declined'] });

    const dd = await sut.http('POST', `/deals/${id}/advance`, { version: 1, to: 'due-diligence', note: '委托第三方开展技术尽调' }, coordinator);
    expect(dd.status).toBe(200);
    expect(dd.body).toMatchObject({ stage: 'due-diligence', version: 2 });

    const stale = await sut.http('POST', `/deals/${id}/advance`, { version: 1, to: 'investment-committee' }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    const early = await sut.http('POST', `/deals/${id}/invest`, { version: 2, amount: money('3000000.00'), round: 'seed', investedOn: '2024-08-15' }, coordinator);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'due-diligence', allowedTransitions: ['investment-committee', 'declined'] });

    expect((await sut.http('POST', `/deals/${id}/advance`, { version: 2, to: 'investment-committee' }, coordinator)).status).toBe(200);

    const mismatch = await sut.http('POST', `/deals/${id}/invest`, { version: 3, amount: money('3000000.00'), round: 'seed', investedOn: '2024-08-14', investedAt: '2024-08-15T10:30:00+08:00' }, coordinator);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: 'investedAt', rule: 'custom' })]);

    const invested = await sut.http('POST', `/deals/${id}/invest`, { version: 3, amount: money('3000000.00'), round: 'seed', investedAt: '2024-08-15T10:30:00+08:00', equityPercent: '6' }, coordinator);
    expect(invested.status).toBe(200);
    expect(invested.body.deal).toMatchObject({ stage: 'invested', version: 4, allowedTransitions: [] });
    expect(invested.body.investment).toMatchObject({ fundId: seedFundId, dealId: id, amount: money('3000000.00'), investedOn: '2024-08-15', equityPercent: '6', grantId: null });
    expect(invested.body.deal.investmentId).toBe(invested.body.investment.id);

    const [event] = await sut.events.expect(EVENTS.fundInvested, (e) => e.subject === invested.body.investment.id);
    expect(event!.source).toBe('tjc/fund-network');
    // The business time, not the processing time: the demo replays 2024.
    expect(Date.parse(event!.time)).toBe(Date.parse('2024-08-15T10:30:00+08:00'));
    expect(event!.data).toEqual({
      investmentId: invested.body.investment.id,
      fund: { id: seedFundId, name: '天开园创业种子基金', type: 'seed' },
      investee: { name: '天津晶材科技有限公司', region: 'tianjin', type: 'enterprise' },
      amount: money('3000000.00'),
      round: 'seed',
      investedOn: '2024-08-15',
    });

    const final = await sut.http('POST', `/deals/${id}/decline`, { version: 4, reason: '已投资后不能放弃' }, coordinator);
    expect(final.status).toBe(409);
    expect(final.body).toMatchObject({ currentState: 'invested', allowedTransitions: [] });
    expect((await sut.http('POST', `/deals/${id}/decline`, { version: 4, reason: '越权' }, researchCoordinator)).status).toBe(403);

    const audit = await sut.http('GET', `/deals/${id}/audit`, undefined, reader);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['deal.opened', 'deal.advanced', 'deal.advanced', 'deal.invested']);
    expect(audit.body.items[0].actor).toBe('wang.fang@fund');

    const investments = await sut.http('GET', `/investments?fundId=${seedFundId}&investedFrom=2024-01-01&investedTo=2024-12-31`, undefined, reader);
    expect(investments.body).toMatchObject({ total: 1, items: [{ id: invested.body.investment.id }] });
  });

  it('declines a deal from any open stage, with a reason', async () => {
    const opened = await sut.http('POST', '/deals', { title: '氢燃料电池双极板', investee: { name: '天津氢能动力有限公司', region: 'tianjin' } }, coordinator);
    const noReason = await sut.http('POST', `/deals/${opened.body.id}/decline`, { version: 1, reason: '   ' }, coordinator);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason', rule: 'custom' })]);
    const declined = await sut.http('POST', `/deals/${opened.body.id}/decline`, { version: 1, reason: '估值过高，团队股权结构不清晰' }, coordinator);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ stage: 'declined', declineReason: '估值过高，团队股权结构不清晰', allowedTransitions: [] });
    expect((await sut.http('GET', '/deals?stage=declined', undefined, reader)).body.total).toBe(1);
  });

  it('opens opportunities from landed transfers and found projects, once each, and carries their ids into the investment', async () => {
    const transferred = buildEvent(
      EVENTS.achievementTransferred,
      {
        transferId: 'tr-2024-0005',
        achievement: { id: 'ach-hb-2024-003', title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
        origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
        receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
        mode: 'use-first-pay-later',
        contractAmount: money('1200000.00'),
        landedOn: '2024-07-02',
      },
      { source: 'tjc/service-network', time: '2024-07-02T09:00:00+08:00' },
    );
    // The same fact re-sent under a new event id must not open a second opportunity.
    const resent = buildEvent(EVENTS.achievementTransferred, transferred.data, { source: 'tjc/service-network', time: transferred.time });
    const toPark = buildEvent(
      EVENTS.achievementTransferred,
      { ...transferred.data, transferId: 'tr-2024-0006', receiver: { kind: 'park', name: '天开高教科创园' } },
      { source: 'tjc/service-network', time: '2024-07-03T09:00:00+08:00' },
    );
    const found = buildEvent(
      EVENTS.projectFound,
      {
        projectId: 'rp-2024-0001',
        title: '面向6G的太赫兹通信芯片',
        institution: { name: '天津大学', region: 'tianjin', type: 'university' },
        field: 'integrated-circuits',
        trl: 5,
        demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
        landingPlan: { summary: '在天开高教科创园建设中试线', targetPark: '天开高教科创园', fundingNeed: money('5000000.00') },
      },
      { source: 'tjc/research-network', time: '2024-06-20T15:00:00+08:00' },
    );
    const foundWithoutPlan = buildEvent(
      EVENTS.projectFound,
      {
        projectId: 'hq-2024-017',
        title: '固态锂电池电解质',
        institution: { name: '清华大学', region: 'beijing', type: 'university' },
        field: 'new-energy',
        trl: 6,
        demonstration: { withHq: true, conclusion: '本部遴选' },
      },
      { source: 'partner/beijing-hq', time: '2024-06-21T10:00:00+08:00' },
    );
    // A later transfer of the found project links to its opportunity instead of opening another.
    const projectTransferred = buildEvent(
      EVENTS.achievementTransferred,
      {
        ...transferred.data,
        transferId: 'tr-2024-0011',
        achievement: { title: '面向6G的太赫兹通信芯片', field: 'integrated-circuits' },
        origin: { name: '天津大学', region: 'tianjin', type: 'university' },
        receiver: { kind: 'company', name: '天津太赫兹科技有限公司' },
        projectId: 'rp-2024-0001',
      },
      { source: 'tjc/service-network', time: '2024-09-01T09:00:00+08:00' },
    );
    await sut.events.publish(transferred, resent, toPark, found, foundWithoutPlan);
    for (const e of [transferred, resent, toPark, found, foundWithoutPlan]) await expectEventually(() => processed(e.id), { timeoutMs: 30_000 });
    await sut.events.publish(projectTransferred);
    await expectEventually(() => processed(projectTransferred.id), { timeoutMs: 30_000 });

    const fromTransfers = await sut.http('GET', '/deals?origin=transfer', undefined, reader);
    expect(fromTransfers.body.total).toBe(1);
    const transferDeal = fromTransfers.body.items[0];
    expect(transferDeal).toMatchObject({
      title: '高性能碳纤维复合材料制备技术',
      stage: 'opportunity',
      transferId: 'tr-2024-0005',
      investee: { name: '天津碳谷新材料有限公司', region: 'tianjin', type: 'enterprise' },
      targetPark: '天津滨海—中关村科技园',
      field: 'new-materials',
    });
    expect((await sut.http('GET', '/deals?transferId=tr-2024-0006', undefined, reader)).body.total).toBe(0);

    const fromProjects = await sut.http('GET', '/deals?origin=project', undefined, reader);
    expect(fromProjects.body.total).toBe(1);
    expect(fromProjects.body.items[0]).toMatchObject({ projectId: 'rp-2024-0001', transferId: 'tr-2024-0011', fundingNeed: money('5000000.00'), targetPark: '天开高教科创园', version: 2 });
    expect((await sut.http('GET', '/deals?projectId=hq-2024-017', undefined, reader)).body.total).toBe(0);

    const trail = await sut.http('GET', `/deals/${transferDeal.id}/audit`, undefined, reader);
    expect(trail.body.items[0]).toMatchObject({ action: 'deal.opened', actor: 'event:tjc/service-network', eventId: transferred.id });

    let version: number = transferDeal.version;
    for (const to of ['due-diligence', 'investment-committee'] as const) {
      const res = await sut.http('POST', `/deals/${transferDeal.id}/advance`, { version, to }, coordinator);
      expect(res.status).toBe(200);
      version = res.body.version;
    }
    const invested = await sut.http('POST', `/deals/${transferDeal.id}/invest`, { version, fundId: seedFundId, amount: money('2500000.50'), round: 'angel', investedOn: '2024-09-10' }, coordinator);
    expect(invested.status).toBe(200);
    const [event] = await sut.events.expect(EVENTS.fundInvested, (e) => e.subject === invested.body.investment.id);
    expect(event!.time).toBe('2024-09-10T00:00:00+08:00');
    expect(event!.data).toMatchObject({ transferId: 'tr-2024-0005', amount: money('2500000.50'), round: 'angel', investedOn: '2024-09-10' });

    const fund = await sut.http('GET', `/funds/${seedFundId}`, undefined, reader);
    expect(fund.body.portfolio.investments).toEqual({ count: 2, amount: money('5500000.50') });
    expect(fund.body.portfolio.investmentsFromTransfers).toEqual({ count: 1, amount: money('2500000.50') });
  });
});
