/**
 * Grant–investment linkage (拨投联动 / 先拨后投), end to end.
 * Real: PostgreSQL (migrated clone), Kafka (namespaced topics), the Nest app
 * with its HTTP API, outbox relay and signed JWTs. Faked: nothing.
 */
import path from 'node:path';
import { EVENTS } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { AppModule, CONSUMED_TOPICS, CONSUMER_GROUP } from '../app.module';
import { loadServiceConfig } from '../config';

let sut: ServiceUnderTest;
let coordinator: string;
let industryCoordinator: string;
let centerAdmin: string;
let reader: string;
let fundId: string;

const money = (amount: string) => ({ amount, currency: 'CNY' as const });
const grantee = { name: '天津太赫兹科技有限公司', region: 'tianjin', type: 'enterprise' } as const;

async function setup() {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: { groupId: CONSUMER_GROUP, topics: CONSUMED_TOPICS },
  });
  coordinator = await sut.token({ roles: ['coordinator'], network: 'fund', sub: 'zhao.min', name: '赵敏' });
  industryCoordinator = await sut.token({ roles: ['coordinator'], network: 'industry' });
  centerAdmin = await sut.token({ roles: ['center-admin'], sub: 'admin' });
  reader = await sut.token({ roles: ['reader'] });
  const fund = await sut.http(
    'POST',
    '/funds',
    { id: 'fund-jjj-transfer', name: '京津冀科技成果转化基金', type: 'transfer', manager: '京津冀科技成果转化基金管理有限公司', size: money('1000000000.00'), establishedOn: '2022-12-01' },
    coordinator,
  );
  fundId = fund.body.id;
}

beforeAll(setup);
afterAll(() => sut.stop());

describe('fund network: grant–investment linkage (拨投联动)', () => {
  it('awards a convertible grant, meets its milestones one by one, converts it once, and keeps both views', async () => {
    const awarded = await sut.http(
      'POST',
      '/grants',
      {
        fundId,
        grantee,
        projectId: 'rp-2024-0001',
        amount: money('1000000.00'),
        awardedOn: '2024-07-10',
        convertible: true,
        milestones: [
          { title: '样机验证', due: '2024-10-31' },
          { title: '中试线投产', due: '2024-12-31' },
        ],
      },
      coordinator,
    );
    expect(awarded.status).toBe(201);
    expect(awarded.body).toMatchObject({ status: 'awarded', version: 1, allowedTransitions: ['milestones-met', 'closed'], conversion: null });
    const id: string = awarded.body.id;

    const [awardEvent] = await sut.events.expect(EVENTS.grantAwarded, (e) => e.subject === id);
    expect(awardEvent!.time).toBe('2024-07-10T00:00:00+08:00');
    expect(awardEvent!.data).toEqual({
      grantId: id,
      fund: { id: fundId, name: '京津冀科技成果转化基金', type: 'transfer' },
      grantee,
      projectId: 'rp-2024-0001',
      amount: money('1000000.00'),
      awardedOn: '2024-07-10',
      convertible: true,
      milestones: [
        { title: '样机验证', due: '2024-10-31' },
        { title: '中试线投产', due: '2024-12-31' },
      ],
    });

    // 先拨后投: no conversion before the milestones are met.
    const tooEarly = await sut.http('POST', `/grants/${id}/convert`, { version: 1, convertedAmount: money('1000000.00'), equityPercent: '2.5', convertedOn: '2024-12-20' }, coordinator);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ currentState: 'awarded', allowedTransitions: ['milestones-met', 'closed'] });

    const first = await sut.http('POST', `/grants/${id}/milestones/1/meet`, { version: 1, metOn: '2024-10-28', note: '样机通过第三方测试' }, coordinator);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'awarded', version: 2, milestones: [{ seq: 1, metOn: '2024-10-28' }, { seq: 2, metOn: null }] });

    const again = await sut.http('POST', `/grants/${id}/milestones/1/meet`, { version: 2, metOn: '2024-10-29' }, coordinator);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'met', allowedTransitions: [] });
    const stale = await sut.http('POST', `/grants/${id}/milestones/2/meet`, { version: 1, metOn: '2024-12-15' }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await sut.http('POST', `/grants/${id}/milestones/3/meet`, { version: 2, metOn: '2024-12-15' }, coordinator)).status).toBe(404);

    const second = await sut.http('POST', `/grants/${id}/milestones/2/meet`, { version: 2, metOn: '2024-12-15' }, coordinator);
    expect(second.body).toMatchObject({ status: 'milestones-met', version: 3, allowedTransitions: ['converted', 'closed'] });

    const tooMuch = await sut.http('POST', `/grants/${id}/convert`, { version: 3, convertedAmount: money('1000000.01'), equityPercent: '2.5', convertedOn: '2024-12-20' }, coordinator);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ path: 'convertedAmount.amount', rule: 'exceeds_grant', message: 'cannot exceed the granted amount 1000000.00' }]);

    const converted = await sut.http('POST', `/grants/${id}/convert`, { version: 3, convertedAmount: money('1000000.00'), equityPercent: '2.5', convertedOn: '2024-12-20', note: '按投前估值4000万元转股' }, coordinator);
    expect(converted.status).toBe(200);
    const investmentId: string = converted.body.investment.id;
    expect(converted.body.grant).toMatchObject({
      status: 'converted',
      version: 4,
      allowedTransitions: [],
      conversion: { investmentId, convertedAmount: money('1000000.00'), equityPercent: '2.5', convertedOn: '2024-12-20' },
    });
    expect(converted.body.investment).toMatchObject({ round: 'grant-conversion', grantId: id, projectId: 'rp-2024-0001', fundId, amount: money('1000000.00'), investedOn: '2024-12-20' });

    const [convertedEvent] = await sut.events.expect(EVENTS.grantConverted, (e) => e.subject === id);
    expect(convertedEvent!.time).toBe('2024-12-20T00:00:00+08:00');
    expect(convertedEvent!.data).toEqual({ grantId: id, investmentId, convertedAmount: money('1000000.00'), equityPercent: '2.5', convertedOn: '2024-12-20', note: '按投前估值4000万元转股' });
    const [investmentEvent] = await sut.events.expect(EVENTS.fundInvested, (e) => e.subject === investmentId);
    expect(investmentEvent!.data).toMatchObject({ grantId: id, round: 'grant-conversion', projectId: 'rp-2024-0001', amount: money('1000000.00'), investee: grantee, investedOn: '2024-12-20' });

    const twice = await sut.http('POST', `/grants/${id}/convert`, { version: 4, convertedAmount: money('1.00'), equityPercent: '0.1', convertedOn: '2024-12-21' }, coordinator);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentState: 'converted', allowedTransitions: [] });

    // Both views: the grant keeps its record and the investment points back at it.
    expect((await sut.http('GET', `/investments?grantId=${id}`, undefined, reader)).body).toMatchObject({ total: 1, items: [{ id: investmentId }] });
    expect((await sut.http('GET', `/grants?status=converted&fundId=${fundId}`, undefined, reader)).body).toMatchObject({ total: 1, items: [{ id }] });
    const fund = await sut.http('GET', `/funds/${fundId}`, undefined, reader);
    expect(fund.body.portfolio).toMatchObject({
      grants: { count: 1, amount: money('1000000.00') },
      convertedGrants: { count: 1, grantAmount: money('1000000.00'), convertedAmount: money('1000000.00') },
      investments: { count: 1, amount: money('1000000.00') },
    });

    const audit = await sut.http('GET', `/grants/${id}/audit`, undefined, reader);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['grant.awarded', 'grant.milestone-met', 'grant.milestone-met', 'grant.converted']);
    expect(audit.body.items[3].actor).toBe('zhao.min@fund');
  });

  it('never converts a grant that is not convertible; such a grant is closed with a reason', async () => {
    const awarded = await sut.http(
      'POST',
      '/grants',
      { fundId, grantee: { name: '南开大学', region: 'tianjin', type: 'university' }, amount: money('300000.00'), awardedOn: '2024-03-01', convertible: false, milestones: [{ title: '概念验证完成', due: '2024-09-30' }] },
      centerAdmin,
    );
    expect(awarded.status).toBe(201);
    const id: string = awarded.body.id;
    const met = await sut.http('POST', `/grants/${id}/milestones/1/meet`, { version: 1, metOn: '2024-09-20' }, coordinator);
    expect(met.body).toMatchObject({ status: 'milestones-met', allowedTransitions: ['closed'] });

    const refused = await sut.http('POST', `/grants/${id}/convert`, { version: 2, convertedAmount: money('300000.00'), equityPercent: '1', convertedOn: '2024-10-01' }, coordinator);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ currentState: 'milestones-met', allowedTransitions: ['closed'] });

    const closed = await sut.http('POST', `/grants/${id}/close`, { version: 2, reason: '概念验证完成，按资助结题', closedOn: '2024-10-08' }, coordinator);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: '概念验证完成，按资助结题', closedOn: '2024-10-08', allowedTransitions: [] });
    const reopened = await sut.http('POST', `/grants/${id}/close`, { version: 3, reason: '重复结题', closedOn: '2024-10-09' }, coordinator);
    expect(reopened.status).toBe(409);
    expect(reopened.body).toMatchObject({ currentState: 'closed', allowedTransitions: [] });
  });

  it('answers 400 with field paths and rules, 404 for unknown grants and funds, 403 for other networks', async () => {
    const bad = await sut.http(
      'POST',
      '/grants',
      { fundId, grantee, amount: money('0.00'), awardedOn: '2024-07-10', convertible: true, milestones: [{ title: '样机验证', due: '2024-07-01' }] },
      coordinator,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'amount.amount', rule: 'custom' }), expect.objectContaining({ path: 'milestones.0.due', rule: 'custom' })]),
    );
    const noMilestones = await sut.http('POST', '/grants', { fundId, grantee, amount: money('1.00'), awardedOn: '2024-07-10', convertible: true, milestones: [] }, coordinator);
    expect(noMilestones.status).toBe(400);
    expect(noMilestones.body.errors).toEqual([expect.objectContaining({ path: 'milestones', rule: 'too_small' })]);
    const future = await sut.http('POST', '/grants', { fundId, grantee, amount: money('1.00'), awardedOn: '2999-01-01', convertible: true, milestones: [{ title: '样机验证', due: '2999-02-01' }] }, coordinator);
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'awardedOn', rule: 'custom' })]);

    expect((await sut.http('POST', '/grants', { fundId: 'fund-unknown', grantee, amount: money('1.00'), awardedOn: '2024-07-10', convertible: true, milestones: [{ title: '样机验证', due: '2024-08-01' }] }, coordinator)).status).toBe(404);
    expect((await sut.http('GET', '/grants/gr-unknown', undefined, reader)).status).toBe(404);
    expect((await sut.http('POST', '/grants/gr-unknown/close', { version: 1, reason: '不存在', closedOn: '2024-10-08' }, coordinator)).status).toBe(404);

    const valid = { fundId, grantee, amount: money('1.00'), awardedOn: '2024-07-10', convertible: true, milestones: [{ title: '样机验证', due: '2024-08-01' }] };
    expect((await sut.http('POST', '/grants', valid, industryCoordinator)).status).toBe(403);
    expect((await sut.http('POST', '/grants', valid, reader)).status).toBe(403);
    expect((await sut.http('GET', '/grants?convertible=true&sort=-amount', undefined, industryCoordinator)).status).toBe(200);
  });
});
