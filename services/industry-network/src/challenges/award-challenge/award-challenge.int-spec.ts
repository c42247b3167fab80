/**
 * The industry network's HTTP API end to end, from a posted demand to a
 * concluded consortium, plus the error semantics (400/403/404/409).
 * Real: PostgreSQL (migrated clone), Kafka (namespaced topics), the Nest app
 * with its outbox relay and consumer, signed JWTs. Faked: nothing.
 * One service for the whole file; scenarios share it and use their own records.
 */
import path from 'node:path';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { AppModule, CONSUMER } from '../../app.module';
import { loadServiceConfig } from '../../config';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;

const money = (amount: string) => ({ amount, currency: 'CNY' as const });

async function setup() {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ sub: 'zhao.min', name: '赵敏', roles: ['coordinator'], network: 'industry' });
}

async function registerEnterprise(body: Record<string, unknown>) {
  const res = await sut.http('POST', '/enterprises', body, coordinator);
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

beforeAll(setup);
afterAll(() => sut.stop());

describe('揭榜挂帅 → 创新联合体: demand, challenge, award, proposal, formation, milestone, conclusion', () => {
  it('runs the whole lifecycle and emits the catalogue events with business times', async () => {
    const zhonghuan = await registerEnterprise({ id: 'ent-zhonghuan', name: 'TCL中环新能源科技股份有限公司', region: 'tianjin', industryChain: '新能源产业链', field: 'new-energy', isKeyEnterprise: true, isChainLeader: true });

    // Demand posted in a past year: the event time is that day in Shanghai.
    const demandRes = await sut.http(
      'POST',
      '/demands',
      { enterpriseId: zhonghuan.id, field: 'new-energy', title: '大尺寸硅片低损耗切割工艺', problem: '现有金刚线切割损耗高，需要新工艺将损耗降低30%以上。', budget: { min: money('2000000.00'), max: money('5000000.00') }, deadline: '2024-12-31', postedOn: '2024-03-15' },
      coordinator,
    );
    expect(demandRes.status).toBe(201);
    const demand = demandRes.body;
    expect(demand).toMatchObject({ status: 'open', enterpriseName: 'TCL中环新能源科技股份有限公司', postedOn: '2024-03-15', budget: { min: money('2000000.00'), max: money('5000000.00') } });
    const [posted] = await sut.events.expect('industry.demand.posted.v1', (e) => e.subject === demand.id);
    expect(posted!.time).toBe('2024-03-15T00:00:00.000+08:00');
    expect(posted!.data).toMatchObject({ enterprise: { id: 'ent-zhonghuan', region: 'tianjin', isKeyEnterprise: true }, field: 'new-energy', deadline: '2024-12-31' });

    const challengeRes = await sut.http('POST', '/challenges', { demandId: demand.id, reward: money('3000000.00'), deadline: '2024-09-30', publishedOn: '2024-04-01' }, coordinator);
    expect(challengeRes.status).toBe(201);
    const challenge = challengeRes.body;
    expect(challenge).toMatchObject({ status: 'published', title: '大尺寸硅片低损耗切割工艺揭榜挂帅', publishedViaHq: true, allowedTransitions: ['apply', 'award', 'cancel'] });
    const [published] = await sut.events.expect('industry.challenge.published.v1', (e) => e.subject === challenge.id);
    expect(published!.data).toMatchObject({ demandId: demand.id, reward: money('3000000.00'), publishedViaHq: true, enterprise: { name: 'TCL中环新能源科技股份有限公司' } });
    expect(published!.time).toBe('2024-04-01T00:00:00.000+08:00');

    // The demand now belongs to its challenge: the coordinator cannot close it under the applicants.
    const demandNow = (await sut.http('GET', `/demands/${demand.id}`, undefined, coordinator)).body;
    expect(demandNow).toMatchObject({ status: 'published-as-challenge', version: 2 });
    const closeRes = await sut.http('POST', `/demands/${demand.id}/close`, { version: 2, reason: '企业已自行解决' }, coordinator);
    expect(closeRes.status).toBe(409);
    expect(closeRes.body).toMatchObject({ currentState: 'published-as-challenge', allowedTransitions: ['challenge-awarded', 'challenge-cancelled'] });

    const apply = (institution: Record<string, unknown>) =>
      sut.http('POST', `/challenges/${challenge.id}/applications`, { institution, proposal: '采用新型复合切割线与智能张力控制方案。', submittedOn: '2024-05-10' }, coordinator);
    const pku = await apply({ name: '北京大学', region: 'beijing', type: 'university' });
    expect(pku.status).toBe(201);
    expect((await apply({ name: '天津大学', region: 'tianjin', type: 'university' })).status).toBe(201);
    const again = await apply({ name: '北京大学', region: 'beijing', type: 'university' });
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(pku.body.id);

    // Award: version 0 is invalid (400), a stale version conflicts (409), more than the reward is refused (400).
    const invalid = await sut.http('POST', `/challenges/${challenge.id}/award`, { version: 0, applicationId: pku.body.id }, coordinator);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ path: 'version', rule: 'too_small' })]);
    const stale = await sut.http('POST', `/challenges/${challenge.id}/award`, { version: 2, applicationId: pku.body.id }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    const tooMuch = await sut.http('POST', `/challenges/${challenge.id}/award`, { version: 1, applicationId: pku.body.id, amount: money('3000000.01') }, coordinator);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([expect.objectContaining({ path: 'amount.amount', rule: 'exceeds_reward' })]);
    const unknownApplication = await sut.http('POST', `/challenges/${challenge.id}/award`, { version: 1, applicationId: 'app-unknown' }, coordinator);
    expect(unknownApplication.status).toBe(404);
    expect(unknownApplication.body.path).toBe('applicationId');

    const awardRes = await sut.http('POST', `/challenges/${challenge.id}/award`, { version: 1, applicationId: pku.body.id, awardedOn: '2024-07-01' }, coordinator, { 'x-request-id': 'req-award-zhonghuan' });
    expect(awardRes.status).toBe(200);
    expect(awardRes.body).toMatchObject({ status: 'awarded', award: { applicationId: pku.body.id, amount: money('3000000.00'), awardedOn: '2024-07-01' }, allowedTransitions: [] });
    const proposalId: string = awardRes.body.consortiumProposalId;
    expect(proposalId).toMatch(/^cs-/);
    const [awarded] = await sut.events.expect('industry.challenge.awarded.v1', (e) => e.subject === challenge.id);
    expect(awarded!.data).toEqual({ challengeId: challenge.id, applicationId: pku.body.id, winner: { name: '北京大学', region: 'beijing', type: 'university' }, amount: money('3000000.00') });
    expect(awarded!.time).toBe('2024-07-01T00:00:00.000+08:00');

    const applications = (await sut.http('GET', `/challenges/${challenge.id}/applications?sort=institutionName`, undefined, coordinator)).body;
    expect(applications.total).toBe(2);
    expect(Object.fromEntries(applications.items.map((a: { institution: { name: string }; status: string }) => [a.institution.name, a.status]))).toEqual({ 北京大学: 'awarded', 天津大学: 'not-selected' });
    expect((await sut.http('GET', `/demands/${demand.id}`, undefined, coordinator)).body.status).toBe('closed');
    const late = await apply({ name: '河北工业大学', region: 'hebei', type: 'university' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentState: 'awarded', allowedTransitions: [] });

    // The award created a proposal in the same transaction; the coordinator confirms it.
    const proposals = (await sut.http('GET', '/consortium-proposals', undefined, coordinator)).body;
    expect(proposals.items).toEqual([
      expect.objectContaining({ id: proposalId, status: 'proposed', origin: 'challenge-award', challengeId: challenge.id, leadEnterprise: expect.objectContaining({ id: 'ent-zhonghuan' }), members: [{ name: '北京大学', region: 'beijing', type: 'university' }] }),
    ]);
    const tianjinMember = await sut.http('POST', `/consortium-proposals/${proposalId}/confirm`, { version: 1, additionalMembers: [{ name: '天津大学', region: 'tianjin' }] }, coordinator);
    expect(tianjinMember.status).toBe(400);
    expect(tianjinMember.body.errors).toEqual([expect.objectContaining({ path: 'additionalMembers.0.region', rule: 'invalid_value' })]);

    const confirmRes = await sut.http(
      'POST',
      `/consortium-proposals/${proposalId}/confirm`,
      { version: 1, name: '大尺寸硅片切割创新联合体', additionalMembers: [{ name: '河北工业大学', region: 'hebei', type: 'university' }], formedOn: '2024-07-15' },
      coordinator,
    );
    expect(confirmRes.status).toBe(200);
    expect(confirmRes.body).toMatchObject({ status: 'formed', formedOn: '2024-07-15', version: 2, allowedTransitions: ['record-milestone', 'conclude'] });
    const [formed] = await sut.events.expect('industry.consortium.formed.v1', (e) => e.subject === proposalId);
    expect(formed!.time).toBe('2024-07-15T00:00:00.000+08:00');
    expect(formed!.data).toMatchObject({
      name: '大尺寸硅片切割创新联合体',
      challengeId: challenge.id,
      formedOn: '2024-07-15',
      leadEnterprise: { id: 'ent-zhonghuan', region: 'tianjin' },
      members: [{ name: '北京大学', region: 'beijing' }, { name: '河北工业大学', region: 'hebei' }],
    });
    const twice = await sut.http('POST', `/consortium-proposals/${proposalId}/confirm`, { version: 2 }, coordinator);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentState: 'formed', allowedTransitions: ['record-milestone', 'conclude'] });

    const early = await sut.http('POST', `/consortia/${proposalId}/milestones`, { title: '完成工艺方案论证', reachedOn: '2024-07-01' }, coordinator);
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ path: 'reachedOn', rule: 'before_formation' })]);
    const milestone = await sut.http('POST', `/consortia/${proposalId}/milestones`, { title: '完成中试线验证', reachedOn: '2024-11-20', note: '切割损耗降低32%' }, coordinator);
    expect(milestone.status).toBe(201);
    const [reached] = await sut.events.expect('industry.consortium.milestone-reached.v1', (e) => e.subject === proposalId);
    expect(reached!.data).toEqual({ consortiumId: proposalId, milestoneId: milestone.body.id, title: '完成中试线验证', reachedOn: '2024-11-20', note: '切割损耗降低32%' });
    expect(reached!.time).toBe('2024-11-20T00:00:00.000+08:00');

    const concluded = await sut.http('POST', `/consortia/${proposalId}/conclude`, { version: 2, concludedOn: '2024-12-20' }, coordinator);
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({ status: 'concluded', concludedOn: '2024-12-20', allowedTransitions: [] });
    const afterEnd = await sut.http('POST', `/consortia/${proposalId}/milestones`, { title: '补充里程碑' }, coordinator);
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body).toMatchObject({ currentState: 'concluded', allowedTransitions: [] });

    const detail = (await sut.http('GET', `/consortia/${proposalId}`, undefined, coordinator)).body;
    expect(detail.milestones).toEqual([expect.objectContaining({ title: '完成中试线验证', reachedOn: '2024-11-20' })]);

    // Audit: who did what, from which request.
    const challengeAudit = (await sut.http('GET', `/challenges/${challenge.id}/audit`, undefined, coordinator)).body.items;
    expect(challengeAudit.map((a: { action: string }) => a.action)).toEqual(['challenge.published', 'challenge.application-received', 'challenge.application-received', 'challenge.awarded']);
    expect(challengeAudit[3]).toMatchObject({ actor: 'zhao.min@industry', requestId: 'req-award-zhonghuan', detail: { consortiumProposalId: proposalId } });
    const consortiumAudit = (await sut.http('GET', `/consortia/${proposalId}/audit`, undefined, coordinator)).body.items;
    expect(consortiumAudit.map((a: { action: string }) => a.action)).toEqual(['consortium.proposed', 'consortium.confirmed', 'consortium.milestone-reached', 'consortium.concluded']);
  });

  it('cancelling a challenge puts its demand back on the open list', async () => {
    const feiteng = await registerEnterprise({ id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', industryChain: '信创产业链', field: 'information-innovation', isKeyEnterprise: true, isChainLeader: true });
    const demand = (await sut.http('POST', '/demands', { enterpriseId: feiteng.id, field: 'information-innovation', title: '国产CPU高速互连接口', problem: '需要突破多路服务器CPU之间的高速一致性互连技术。' }, coordinator)).body;
    const challenge = (await sut.http('POST', '/challenges', { demandId: demand.id, demandVersion: 1, reward: money('8000000.00'), deadline: '2099-12-31', publishedViaHq: false }, coordinator)).body;
    expect(challenge.status).toBe('published');

    const cancelled = await sut.http('POST', `/challenges/${challenge.id}/cancel`, { version: 1, reason: '企业调整研发计划' }, coordinator);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '企业调整研发计划' });
    expect((await sut.http('GET', `/demands/${demand.id}`, undefined, coordinator)).body).toMatchObject({ status: 'open', version: 3, allowedTransitions: ['publish-as-challenge', 'close'] });
    const again = await sut.http('POST', `/challenges/${challenge.id}/cancel`, { version: 2, reason: '重复撤榜' }, coordinator);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'cancelled', allowedTransitions: [] });

    const closed = await sut.http('POST', `/demands/${demand.id}/close`, { version: 3, reason: '企业已自行解决' }, coordinator);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: '企业已自行解决' });
  });
});

describe('forming a consortium directly, and the error semantics', () => {
  it('validates the lead enterprise and members, and emits consortium formed with the formation date as time', async () => {
    await registerEnterprise({ id: 'ent-yiling', name: '石家庄以岭药业股份有限公司', region: 'hebei', industryChain: '生物医药产业链', field: 'biomedicine' });
    await registerEnterprise({ id: 'ent-tasly', name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true, isChainLeader: true });
    const body = {
      name: '现代中药智能制造创新联合体',
      topic: '中药复方制剂智能制造关键核心技术攻关',
      field: 'biomedicine',
      leadEnterpriseId: 'ent-tasly',
      members: [{ name: '中国科学院', region: 'beijing', type: 'research-institute' }, { name: '河北工业大学', region: 'hebei', type: 'university' }],
      formedOn: '2024-06-18',
      projectId: 'rp-2024-0001',
    };

    const notTianjin = await sut.http('POST', '/consortia', { ...body, leadEnterpriseId: 'ent-yiling' }, coordinator);
    expect(notTianjin.status).toBe(400);
    expect(notTianjin.body.errors).toEqual([expect.objectContaining({ path: 'leadEnterpriseId', rule: 'lead_enterprise_not_tianjin' })]);
    const unknownLead = await sut.http('POST', '/consortia', { ...body, leadEnterpriseId: 'ent-unknown' }, coordinator);
    expect(unknownLead.status).toBe(404);
    expect(unknownLead.body.path).toBe('leadEnterpriseId');
    const tianjinMember = await sut.http('POST', '/consortia', { ...body, members: [{ name: '南开大学', region: 'tianjin', type: 'university' }] }, coordinator);
    expect(tianjinMember.status).toBe(400);
    expect(tianjinMember.body.errors).toEqual([expect.objectContaining({ path: 'members.0.region', rule: 'invalid_value' })]);

    const formed = await sut.http('POST', '/consortia', body, coordinator);
    expect(formed.status).toBe(201);
    expect(formed.body).toMatchObject({ status: 'formed', origin: 'coordinator', reportedBy: 'tjc/industry-network', projectId: 'rp-2024-0001' });
    const [event] = await sut.events.expect('industry.consortium.formed.v1', (e) => e.subject === formed.body.id);
    expect(event!.time).toBe('2024-06-18T00:00:00.000+08:00');
    expect(event!.data).toMatchObject({ projectId: 'rp-2024-0001', formedOn: '2024-06-18', leadEnterprise: { id: 'ent-tasly', isKeyEnterprise: true, isChainLeader: true } });
    expect(event!.data.challengeId).toBeUndefined();
  });

  it('answers 400 with field paths and rules, 404 for unknown ids, 409 for stale versions', async () => {
    const missing = await sut.http('POST', '/demands', { enterpriseId: 'ent-tasly', field: '光伏', problem: '  ' }, coordinator);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'field', rule: 'invalid_value' }),
        expect.objectContaining({ path: 'title', rule: 'invalid_type' }),
        expect.objectContaining({ path: 'problem', rule: 'custom' }),
      ]),
    );
    const badQuery = await sut.http('GET', '/demands?status=pending&sort=budget', undefined, coordinator);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['sort', 'status']);

    expect((await sut.http('GET', '/demands/dm-unknown', undefined, coordinator)).status).toBe(404);
    expect((await sut.http('GET', '/consortia/cs-unknown/audit', undefined, coordinator)).status).toBe(404);
    expect((await sut.http('POST', '/challenges/ch-unknown/award', { version: 1, applicationId: 'app-1' }, coordinator)).status).toBe(404);
    expect((await sut.http('POST', '/demands', { enterpriseId: 'ent-unknown', field: 'biomedicine', title: '新药', problem: '问题' }, coordinator)).status).toBe(404);

    const tasly = (await sut.http('GET', '/enterprises/ent-tasly', undefined, coordinator)).body;
    const patched = await sut.http('PATCH', '/enterprises/ent-tasly', { version: tasly.version, industryChain: '现代中药产业链' }, coordinator);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ industryChain: '现代中药产业链', version: tasly.version + 1 });
    const stale = await sut.http('PATCH', '/enterprises/ent-tasly', { version: tasly.version, isKeyEnterprise: false }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(tasly.version + 1);
    const audit = (await sut.http('GET', '/enterprises/ent-tasly/audit', undefined, coordinator)).body.items;
    expect(audit.at(-1)).toMatchObject({ action: 'enterprise.updated', actor: 'zhao.min@industry', detail: { changed: { industryChain: { from: '生物医药产业链', to: '现代中药产业链' } } } });
    const duplicate = await sut.http('POST', '/enterprises', { name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine' }, coordinator);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ existingId: 'ent-tasly', errors: [{ path: 'name', rule: 'unique', message: '已有同名企业 / an enterprise with this name is already registered' }] });
  });

  it('trims enterprise names on register and update, and names the field a duplicate takes (409)', async () => {
    const registered = await sut.http('POST', '/enterprises', { id: 'ent-changcheng', name: '  长城汽车股份有限公司 ', region: 'hebei', industryChain: '汽车产业链', field: 'new-energy' }, coordinator);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ id: 'ent-changcheng', name: '长城汽车股份有限公司' });

    const padded = await sut.http('POST', '/enterprises', { name: '长城汽车股份有限公司  ', region: 'hebei', industryChain: '汽车产业链', field: 'new-energy' }, coordinator);
    expect(padded.status).toBe(409);
    expect(padded.body).toMatchObject({ message: expect.stringContaining('企业已登记'), existingId: 'ent-changcheng', errors: [{ path: 'name', rule: 'unique' }] });
    const takenId = await sut.http('POST', '/enterprises', { id: 'ent-changcheng', name: '长城汽车（保定）有限公司', region: 'hebei', industryChain: '汽车产业链', field: 'new-energy' }, coordinator);
    expect(takenId.status).toBe(409);
    expect(takenId.body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'unique' })]);

    const renamed = await sut.http('PATCH', '/enterprises/ent-changcheng', { version: 1, name: ' 长城汽车集团有限公司 ' }, coordinator);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '长城汽车集团有限公司', version: 2 });
    const taken = await sut.http('PATCH', '/enterprises/ent-changcheng', { version: 2, name: '天士力医药集团股份有限公司 ' }, coordinator);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ message: expect.stringContaining('企业名称已被使用'), errors: [{ path: 'name', rule: 'unique' }] });
    expect((await sut.http('GET', '/enterprises?q=长城', undefined, coordinator)).body.items.map((e: { name: string }) => e.name)).toEqual(['长城汽车集团有限公司']);
  });

  it('lets another network’s coordinator read but not write (403)', async () => {
    const research = await sut.token({ sub: 'li.hua', name: '李华', roles: ['coordinator'], network: 'research' });
    const reader = await sut.token({ sub: 'wang.fang', name: '王芳', roles: ['reader'] });
    const demand = { enterpriseId: 'ent-tasly', field: 'biomedicine', title: '中药质量追溯', problem: '需要建立全流程质量追溯体系。' };
    expect((await sut.http('POST', '/demands', demand, research)).status).toBe(403);
    expect((await sut.http('POST', '/demands', demand, reader)).status).toBe(403);
    expect((await sut.http('PATCH', '/enterprises/ent-tasly', { version: 1, isKeyEnterprise: false }, research)).status).toBe(403);
    expect((await sut.http('GET', '/enterprises', undefined, research)).status).toBe(200);
    expect((await sut.http('GET', '/demands')).status).toBe(401);
  });

  it('lists with filters, sorting and pages', async () => {
    const page = (await sut.http('GET', '/enterprises?region=tianjin&isKeyEnterprise=true&sort=-name&limit=2&offset=0', undefined, coordinator)).body;
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.items.map((e: { name: string }) => e.name)).toEqual(['飞腾信息技术有限公司', '天士力医药集团股份有限公司']);
    const second = (await sut.http('GET', '/enterprises?region=tianjin&isKeyEnterprise=true&sort=-name&limit=2&offset=2', undefined, coordinator)).body;
    expect(second.items.map((e: { name: string }) => e.name)).toEqual(['TCL中环新能源科技股份有限公司']);
    const closed = (await sut.http('GET', '/demands?status=closed&sort=postedOn', undefined, coordinator)).body;
    expect(closed.items.map((d: { title: string }) => d.title)).toEqual(['大尺寸硅片低损耗切割工艺', '国产CPU高速互连接口']);
    const awarded = (await sut.http('GET', '/challenges?status=awarded&publishedViaHq=true', undefined, coordinator)).body;
    expect(awarded.total).toBe(1);
    const formed = (await sut.http('GET', '/consortia?status=formed&field=biomedicine', undefined, coordinator)).body;
    expect(formed.items.map((c: { name: string }) => c.name)).toEqual(['现代中药智能制造创新联合体']);
  });

  it('documents its routes at /docs/json', async () => {
    const docs = await sut.http('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/enterprises',
        '/enterprises/{id}',
        '/demands',
        '/demands/{id}/close',
        '/demands/{id}/suggestions',
        '/challenges',
        '/challenges/{id}/applications',
        '/challenges/{id}/award',
        '/challenges/{id}/cancel',
        '/consortia',
        '/consortium-proposals',
        '/consortium-proposals/{id}/confirm',
        '/consortia/{id}/milestones',
        '/consortia/{id}/conclude',
        '/consortia/{id}/audit',
        '/suggestions',
      ]),
    );
    expect(docs.body.paths['/consortia'].post.requestBody).toBeDefined();
  });
});
