/**
 * The project pipeline end to end through the service's public surfaces.
 * Real: PostgreSQL (migrated clone), Kafka (namespaced topics), the Nest app
 * with HTTP, outbox relay and consumer, signed JWTs. Faked: nothing; the
 * industry network and partners are played by publishing their events.
 */
import path from 'node:path';
import { buildEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually, uniqueName } from '@tjc/testing';
import { AppModule, CONSUMED_TOPICS } from '../app.module';
import { loadServiceConfig } from '../config';
import { PrismaService } from '../prisma.service';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let research: string;
let admin: string;
let industry: string;
let reader: string;

async function setup() {
  const service = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    // A group of its own: nothing left over from another run or file interferes.
    consumer: { groupId: uniqueName('research-network'), topics: CONSUMED_TOPICS },
  });
  return {
    service,
    research: await service.token({ roles: ['coordinator'], network: 'research', sub: 'li.na', name: '李娜' }),
    admin: await service.token({ roles: ['center-admin'], sub: 'admin', name: '中心管理员' }),
    industry: await service.token({ roles: ['coordinator'], network: 'industry', sub: 'wang.qiang', name: '王强' }),
    reader: await service.token({ roles: ['reader'], sub: 'leader', name: '领导' }),
  };
}

beforeAll(async () => {
  ({ service: sut, research, admin, industry, reader } = await setup());
});
afterAll(() => sut?.stop());

async function registerExpert(body: Record<string, unknown>): Promise<string> {
  const res = await sut.http('POST', '/experts', body, research);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const submission = (over: Record<string, unknown> = {}) => ({
  title: '面向6G的太赫兹通信芯片',
  institution: { name: '天津大学', region: 'tianjin', type: 'university' },
  field: 'integrated-circuits',
  trl: 4,
  team: [{ name: '王明', role: '负责人' }, { name: '赵敏' }],
  summary: '基于新型材料的太赫兹收发芯片，功耗降低40%。',
  confidentialDetail: '核心工艺参数：衬底温度与掺杂浓度（保密）',
  submittedAt: '2024-03-01T09:00:00+08:00',
  ...over,
});

describe('research network: project pipeline', () => {
  const experts: Record<string, string> = {};
  /** Our own found event, which comes back to us on the research topic. */
  let ownFoundEventId = '';

  beforeAll(async () => {
    experts['li'] = await registerExpert({ name: '李华', region: 'beijing', fields: ['integrated-circuits', 'artificial-intelligence'], institutionName: '北京大学', title: '教授' });
    experts['zhang'] = await registerExpert({ name: '张伟', region: 'hebei', fields: ['integrated-circuits'], institutionName: '河北工业大学' });
    experts['liu'] = await registerExpert({ name: '刘洋', region: 'tianjin', fields: ['integrated-circuits', 'new-materials'], institutionName: '南开大学' });
    experts['tju'] = await registerExpert({ name: '孙磊', region: 'tianjin', fields: ['integrated-circuits'], institutionName: '天津大学' });
    experts['bio'] = await registerExpert({ name: '陈静', region: 'beijing', fields: ['biomedicine'], institutionName: '清华大学' });
  });

  it('runs a project from submission through review, demonstration and selection into joint research', async () => {
    // Submit: the event carries the public summary only, at the given business time.
    const submitted = await sut.http('POST', '/projects', submission(), research);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect(submitted.body).toMatchObject({ state: 'submitted', source: 'tjc/research-network', version: 1 });
    const [submittedEvent] = await sut.events.expect('research.project.submitted.v1', (e) => e.subject === id);
    expect(submittedEvent!.data).toMatchObject({ projectId: id, title: '面向6G的太赫兹通信芯片', summary: '基于新型材料的太赫兹收发芯片，功耗降低40%。', submittedVia: 'coordinator' });
    expect(JSON.stringify(submittedEvent)).not.toContain('核心工艺参数');
    expect(Date.parse(submittedEvent!.time)).toBe(Date.parse('2024-03-01T09:00:00+08:00'));

    // Confidential detail: research coordinators and center admins only.
    expect((await sut.http('GET', `/projects/${id}`, undefined, research)).body.confidentialDetail).toBe('核心工艺参数：衬底温度与掺杂浓度（保密）');
    expect((await sut.http('GET', `/projects/${id}`, undefined, admin)).body.confidentialDetail).toBe('核心工艺参数：衬底温度与掺杂浓度（保密）');
    const asIndustry = await sut.http('GET', `/projects/${id}`, undefined, industry);
    expect(asIndustry.status).toBe(200);
    expect(asIndustry.body).not.toHaveProperty('confidentialDetail');
    expect((await sut.http('GET', `/projects/${id}`, undefined, reader)).body).not.toHaveProperty('confidentialDetail');

    // Another network's coordinator may read but not write.
    expect((await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['zhang'], experts['liu']] }, industry)).status).toBe(403);

    // The picker offers experts of the field without a conflict: not 孙磊 (天津大学), not 陈静 (生物医药).
    const eligible = await sut.http('GET', `/experts?eligibleFor=${id}&sort=name`, undefined, research);
    expect(eligible.body.items.map((e: { name: string }) => e.name).sort()).toEqual(['刘洋', '张伟', '李华'].sort());

    // The panel: conflict of interest and field mismatch answer 400 with the position.
    const conflicted = await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['zhang'], experts['tju']] }, research);
    expect(conflicted.status).toBe(400);
    expect(conflicted.body.errors).toEqual([expect.objectContaining({ path: 'expertIds.2', rule: 'conflict_of_interest' })]);
    const offField = await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['bio'], experts['zhang'], experts['liu']] }, research);
    expect(offField.body.errors).toEqual([expect.objectContaining({ path: 'expertIds.0', rule: 'field_mismatch' })]);
    const tooFew = await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['zhang']] }, research);
    expect(tooFew.status).toBe(400);
    expect(tooFew.body.errors).toEqual([expect.objectContaining({ path: 'expertIds', rule: 'too_small' })]);
    expect((await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['zhang'], 'ex-nobody'] }, research)).status).toBe(404);

    const assigned = await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['zhang'], experts['liu']] }, research);
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ state: 'under-review', version: 2 });
    expect(assigned.body.review.panel).toHaveLength(3);

    // Demonstration needs every review: 409 with the state and what is possible.
    const early = await sut.http('POST', `/projects/${id}/demonstration`, { version: 2 }, research);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'under-review', message: expect.stringContaining('3 of 3 reviews are still outstanding') });
    expect(early.body.allowedTransitions.map((t: { action: string }) => t.action)).toEqual(['record-review', 'reject']);

    // Reviews: one per expert; the last completes the screening and emits it.
    expect((await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['li'], score: 88, reviewedAt: '2024-03-20T10:00:00+08:00' }, research)).status).toBe(201);
    const twice = await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['li'], score: 90 }, research);
    expect(twice.status).toBe(409);
    const outsider = await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['bio'], score: 90 }, research);
    expect(outsider.status).toBe(400);
    expect(outsider.body.errors).toEqual([expect.objectContaining({ path: 'expertId', rule: 'not_on_panel' })]);
    const badScore = await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['zhang'], score: 101 }, research);
    expect(badScore.body.errors).toEqual([expect.objectContaining({ path: 'score', rule: 'too_big' })]);
    await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['zhang'], score: 91, comment: '创新性突出', reviewedAt: '2024-03-21T10:00:00+08:00' }, research);
    const last = await sut.http('POST', `/projects/${id}/reviews`, { expertId: experts['liu'], score: 85, reviewedAt: '2024-03-22T10:00:00+08:00' }, research);
    expect(last.body.review).toMatchObject({ averageScore: 88, passed: true });
    const [screened] = await sut.events.expect('research.project.screened.v1', (e) => e.subject === id);
    expect(screened!.data).toMatchObject({ projectId: id, averageScore: 88, passed: true });
    expect(screened!.data.reviews).toEqual(
      expect.arrayContaining([
        { expertId: experts['li'], expertName: '李华', expertRegion: 'beijing', score: 88 },
        { expertId: experts['zhang'], expertName: '张伟', expertRegion: 'hebei', score: 91, comment: '创新性突出' },
      ]),
    );
    expect(Date.parse(screened!.time)).toBe(Date.parse('2024-03-22T10:00:00+08:00'));

    // Optimistic concurrency: an edit of an older version is refused with the current one.
    const stale = await sut.http('POST', `/projects/${id}/demonstration`, { version: 2 }, research);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(last.body.version);
    const demo = await sut.http('POST', `/projects/${id}/demonstration`, { version: last.body.version, startedAt: '2024-04-10T09:00:00+08:00' }, research);
    expect(demo.body).toMatchObject({ state: 'in-demonstration' });

    // Selection at a past business time, with a landing plan: the event time is that time.
    const found = await sut.http(
      'POST',
      `/projects/${id}/selection`,
      {
        version: demo.body.version,
        demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
        landingPlan: { summary: '在天开高教科创园建设中试线', targetPark: '天开高教科创园', fundingNeed: { amount: '5000000.00', currency: 'CNY' } },
        trl: 5,
        foundAt: '2024-06-01T10:00:00+08:00',
      },
      admin,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ state: 'found', trl: 5, foundAt: '2024-06-01T02:00:00.000Z' });
    const [foundEvent] = await sut.events.expect('research.project.found.v1', (e) => e.subject === id);
    expect(Date.parse(foundEvent!.time)).toBe(Date.parse('2024-06-01T10:00:00+08:00'));
    ownFoundEventId = foundEvent!.id;
    expect(foundEvent!.data).toMatchObject({
      projectId: id,
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      trl: 5,
      demonstration: { withHq: true },
      landingPlan: { targetPark: '天开高教科创园', fundingNeed: { amount: '5000000.00', currency: 'CNY' } },
      // Demonstrated with HQ: the center's selection, jointly (#18.17).
      attribution: { centerRole: 'joint', organiser: { name: '天津中心', source: 'tjc/research-network' } },
    });

    // A second selection is a transition conflict; joint research comes from the industry network.
    const again = await sut.http('POST', `/projects/${id}/selection`, { version: found.body.version, demonstration: { withHq: true, conclusion: '重复' } }, research);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'found', allowedTransitions: [{ action: 'start-joint-research', to: 'in-joint-research', via: 'event' }] });

    // Resource matching for the found project.
    const match = await sut.http('POST', `/projects/${id}/resource-matches`, { kind: 'pilot-platform', name: '天开园中试基地', provider: { name: '天开高教科创园', region: 'tianjin' }, matchedOn: '2024-06-15' }, research);
    expect(match.status).toBe(201);
    await sut.http('POST', `/projects/${id}/resource-matches`, { kind: 'application-scenario', name: '滨海新区6G示范场景', provider: { name: '天津滨海—中关村科技园' } }, research);
    const pilots = await sut.http('GET', `/projects/${id}/resource-matches?kind=pilot-platform`, undefined, reader);
    expect(pilots.body).toMatchObject({ total: 1, items: [{ kind: 'pilot-platform', name: '天开园中试基地', matchedOn: '2024-06-15' }] });

    // The industry network forms a consortium on the project: it moves into joint research.
    const formed = buildEvent(
      'industry.consortium.formed.v1',
      {
        consortiumId: 'cs-2024-0001',
        name: '太赫兹通信芯片创新联合体',
        topic: '6G太赫兹通信芯片关键核心技术攻关',
        field: 'integrated-circuits',
        leadEnterprise: { id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', isKeyEnterprise: true },
        members: [{ name: '北京大学', region: 'beijing', type: 'university' }],
        formedOn: '2024-06-18',
        projectId: id,
      },
      { source: 'tjc/industry-network', time: '2024-06-18T15:00:00+08:00' },
    );
    await sut.events.publish(formed);
    await expectEventually(async () => {
      const res = await sut.http('GET', `/projects/${id}`, undefined, reader);
      expect(res.body).toMatchObject({ state: 'in-joint-research', consortiumIds: ['cs-2024-0001'], jointResearchSince: '2024-06-18T07:00:00.000Z' });
    });

    // The audit trail: who, what, from which request or event.
    const audit = await sut.http('GET', `/projects/${id}/audit`, undefined, reader);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual([
      'project.submitted',
      'project.experts-assigned',
      'project.review-recorded',
      'project.review-recorded',
      'project.review-recorded',
      'project.demonstration-started',
      'project.found',
      'project.resource-matched',
      'project.resource-matched',
      'project.joint-research-started',
    ]);
    expect(audit.body.items[0]).toMatchObject({ actor: 'li.na@research', requestId: expect.any(String) });
    expect(audit.body.items[6]).toMatchObject({ actor: 'admin' });
    expect(audit.body.items[9]).toMatchObject({ actor: 'event:tjc/industry-network', eventId: formed.id });
    expect(JSON.stringify(audit.body)).not.toContain('核心工艺参数');

    // The industry network restating a partner's report of a consortium on this project (ADR 0015): the same
    // consortium under the industry network's id; the partner's own event is the one that links the project.
    const restated = buildEvent(
      'industry.consortium.formed.v1',
      { ...formed.data, consortiumId: 'cs-restated-0001', restates: { source: 'partner/beijing-hq', eventId: 'hq-cs-1-formed', consortiumId: 'hq-cs-1' } },
      { source: 'tjc/industry-network', time: '2024-06-18T16:00:00+08:00' },
    );
    await sut.events.publish(restated);
    const prisma = sut.service.app.get(PrismaService);
    await expectEventually(async () => expect(await prisma.runtimeInbox.count({ where: { source: 'tjc/industry-network', eventId: restated.id } })).toBe(1));
    expect((await sut.http('GET', `/projects/${id}`, undefined, reader)).body.consortiumIds).toEqual(['cs-2024-0001']);
  });

  it('rejects a project that failed screening with a structured reason', async () => {
    const id = (await sut.http('POST', '/projects', submission({ title: '低温等离子体材料表面处理', field: 'new-materials', institution: { name: '河北工业大学', region: 'hebei', type: 'university' } }), research)).body.id as string;
    const hebut = await registerExpert({ name: '马骏', region: 'hebei', fields: ['new-materials'], institutionName: '河北工业大学 ' });
    const assigned = await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['li'], experts['liu'], hebut] }, research);
    // 李华 is not in new-materials and 马骏 is of the project's own institution: both refused, reported together.
    expect(assigned.status).toBe(400);
    expect(assigned.body.errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`)).toEqual(['expertIds.0:field_mismatch', 'expertIds.2:conflict_of_interest']);
    const extra = await registerExpert({ name: '周敏', region: 'beijing', fields: ['new-materials'], institutionName: '中国科学院' });
    const extra2 = await registerExpert({ name: '吴刚', region: 'xiongan', fields: ['new-materials'], institutionName: '雄安新区科技创新研究院' });
    await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: [experts['liu'], extra, extra2] }, research);
    for (const [expertId, score] of [[experts['liu'], 60], [extra, 65], [extra2, 70]] as const) {
      expect((await sut.http('POST', `/projects/${id}/reviews`, { expertId, score }, research)).status).toBe(201);
    }
    const [screened] = await sut.events.expect('research.project.screened.v1', (e) => e.subject === id);
    expect(screened!.data).toMatchObject({ averageScore: 65, passed: false });
    const current = (await sut.http('GET', `/projects/${id}`, undefined, research)).body;
    const blocked = await sut.http('POST', `/projects/${id}/demonstration`, { version: current.version }, research);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('did not pass');

    const rejected = await sut.http('POST', `/projects/${id}/rejection`, { version: current.version, reason: 'immature-technology', detail: '仍处于实验室原理验证阶段', rejectedAt: '2024-04-02T16:00:00+08:00' }, research);
    expect(rejected.status).toBe(200);
    expect(rejected.body.rejection).toMatchObject({ stage: 'screening', reason: 'immature-technology' });
    const [event] = await sut.events.expect('research.project.rejected.v1', (e) => e.subject === id);
    expect(event!.data).toEqual({ projectId: id, stage: 'screening', reason: 'immature-technology', detail: '仍处于实验室原理验证阶段' });

    const badReason = await sut.http('POST', `/projects/${id}/rejection`, { version: rejected.body.version, reason: 'too-expensive' }, research);
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors).toEqual([expect.objectContaining({ path: 'reason', rule: 'invalid_value' })]);
    const twice = await sut.http('POST', `/projects/${id}/rejection`, { version: rejected.body.version, reason: 'other' }, research);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentState: 'rejected', allowedTransitions: [] });

    const list = await sut.http('GET', '/projects?state=rejected&field=new-materials&sort=-submittedAt', undefined, reader);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ id, state: 'rejected' }] });
    expect(list.body.items[0]).not.toHaveProperty('confidentialDetail');
  });

  it('imports projects found by partners with their source, and ignores its own events', async () => {
    const hq = buildEvent(
      'research.project.found.v1',
      {
        projectId: 'hq-2024-017',
        title: '固态锂电池电解质',
        institution: { name: '清华大学', region: 'beijing', type: 'university' },
        field: 'new-energy',
        trl: 6,
        demonstration: { withHq: true, conclusion: '本部遴选' },
      },
      { source: 'partner/beijing-hq', time: '2024-05-08T10:00:00+08:00' },
    );
    const hebei = buildEvent(
      'research.project.found.v1',
      { projectId: 'hb-2024-003', title: '高性能碳纤维复合材料', institution: { name: '河北工业大学', region: 'hebei' }, field: 'new-materials', trl: 5, demonstration: { withHq: false, conclusion: '河北中心遴选' } },
      { source: 'partner/hebei-center' },
    );
    await sut.events.publish(hq, hebei, hq); // the resend of the same event applies once
    await expectEventually(async () => {
      const res = await sut.http('GET', '/projects?source=partner/beijing-hq', undefined, reader);
      expect(res.body).toMatchObject({ total: 1, items: [{ id: 'hq-2024-017', source: 'partner/beijing-hq', state: 'found', title: '固态锂电池电解质', foundAt: '2024-05-08T02:00:00.000Z' }] });
    });
    await expectEventually(async () => {
      expect((await sut.http('GET', '/projects/hb-2024-003', undefined, reader)).body).toMatchObject({ source: 'partner/hebei-center', state: 'found' });
    });
    const hqAudit = await sut.http('GET', '/projects/hq-2024-017/audit', undefined, reader);
    expect(hqAudit.body.items).toEqual([expect.objectContaining({ action: 'project.partner-imported', actor: 'event:partner/beijing-hq', eventId: hq.id })]);

    // Partner records are read-only here.
    const edit = await sut.http('PATCH', '/projects/hq-2024-017', { version: 1, title: '改名' }, research);
    expect(edit.status).toBe(409);

    // Our own found event came back on the research topic: consumed (in the inbox) yet skipped,
    // so the project stays ours and nothing was dead-lettered.
    const prisma = sut.service.app.get(PrismaService);
    await expectEventually(async () => expect(await prisma.runtimeInbox.count({ where: { source: 'tjc/research-network', eventId: ownFoundEventId } })).toBe(1));
    expect(await prisma.runtimeAudit.count({ where: { action: 'project.partner-updated' } })).toBe(0);
    expect(await prisma.project.count({ where: { source: 'tjc/research-network', state: 'in-joint-research' } })).toBe(1);
    expect(await prisma.runtimeInbox.count({ where: { source: 'partner/beijing-hq', eventId: hq.id } })).toBe(1);
    const dead = await sut.http('GET', '/ops/dead-letters', undefined, await sut.token({ roles: ['ops'] }));
    expect(dead.body.total).toBe(0);
  });

  it('keeps a partner’s newer project when an older version arrives after it, and records the skip (#18.13)', async () => {
    const found = (title: string, time: string) =>
      buildEvent(
        'research.project.found.v1',
        { projectId: 'hb-2024-011', title, institution: { name: '河北大学', region: 'hebei', type: 'university' }, field: 'new-materials', trl: 5, demonstration: { withHq: false, conclusion: '河北中心遴选' } },
        { source: 'partner/hebei-center', time },
      );
    const june = found('石墨烯散热膜（六月版）', '2024-06-03T09:00:00+08:00');
    const may = found('石墨烯散热膜（五月版）', '2024-05-03T09:00:00+08:00');
    await sut.events.publish(june, may);
    await expectEventually(async () => {
      const audit = await sut.http('GET', '/projects/hb-2024-011/audit', undefined, reader);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'project.partner-imported', eventId: june.id }),
        expect.objectContaining({ action: 'project.partner-update-skipped', eventId: may.id, detail: expect.objectContaining({ reason: 'older-than-held', held: '2024-06-03T01:00:00.000Z', sent: '2024-05-03T01:00:00.000Z' }) }),
      ]);
    });
    expect((await sut.http('GET', '/projects/hb-2024-011', undefined, reader)).body).toMatchObject({ title: '石墨烯散热膜（六月版）', foundAt: '2024-06-03T01:00:00.000Z' });
  });

  it('answers 400, 404 and 403 as the guide says', async () => {
    const invalid = await sut.http('POST', '/projects', { ...submission({ trl: 12, institution: { name: '天津大学', region: 'shanghai' } }), title: undefined }, research);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title', rule: 'invalid_type' }),
        expect.objectContaining({ path: 'trl', rule: 'too_big' }),
        expect.objectContaining({ path: 'institution.region', rule: 'invalid_value' }),
      ]),
    );
    const future = await sut.http('POST', '/projects', submission({ submittedAt: '2999-01-01T00:00:00+08:00' }), research);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'submittedAt', rule: 'custom', message: 'must not be in the future' })]);
    const badSort = await sut.http('GET', '/projects?sort=confidentialDetail', undefined, reader);
    expect(badSort.status).toBe(400);
    expect(badSort.body.errors).toEqual([expect.objectContaining({ path: 'sort', rule: 'invalid_format' })]);

    expect((await sut.http('GET', '/projects/rp-unknown', undefined, reader)).status).toBe(404);
    expect((await sut.http('POST', '/projects/rp-unknown/selection', { version: 1, demonstration: { withHq: true, conclusion: '无' } }, research)).status).toBe(404);
    expect((await sut.http('GET', '/projects/rp-unknown/audit', undefined, reader)).status).toBe(404);

    // Corrections while submitted carry the version; a stale one is refused with the current version.
    const draft = (await sut.http('POST', '/projects', submission({ title: '量子精密测量传感器' }), research)).body;
    const corrected = await sut.http('PATCH', `/projects/${draft.id}`, { version: 1, title: '量子精密测量磁传感器', confidentialDetail: '新版保密附件' }, research);
    expect(corrected.body).toMatchObject({ version: 2, title: '量子精密测量磁传感器', confidentialDetail: '新版保密附件' });
    const staleEdit = await sut.http('PATCH', `/projects/${draft.id}`, { version: 1, trl: 5 }, research);
    expect(staleEdit.status).toBe(409);
    expect(staleEdit.body.currentVersion).toBe(2);
    expect((await sut.http('PATCH', `/projects/${draft.id}`, { version: 2, trl: 0 }, research)).body.errors).toEqual([expect.objectContaining({ path: 'trl', rule: 'too_small' })]);
    expect((await sut.http('PATCH', `/projects/${draft.id}`, { version: 2, trl: 5 }, industry)).status).toBe(403);

    expect((await sut.http('POST', '/projects', submission(), industry)).status).toBe(403);
    expect((await sut.http('POST', '/projects', submission(), reader)).status).toBe(403);
    expect((await sut.http('GET', '/projects')).status).toBe(401);
  });

  it('refuses a stale edit of an expert with the current version', async () => {
    const id = await registerExpert({ name: '郑洁', region: 'tianjin', fields: ['biomedicine'], institutionName: '天津医科大学' });
    const first = await sut.http('PATCH', `/experts/${id}`, { version: 1, title: '研究员' }, research);
    expect(first.body).toMatchObject({ version: 2, title: '研究员' });
    const second = await sut.http('PATCH', `/experts/${id}`, { version: 1, active: false }, research);
    expect(second.status).toBe(409);
    expect(second.body.currentVersion).toBe(2);
    expect((await sut.http('PATCH', '/experts/ex-unknown', { version: 1, active: false }, research)).status).toBe(404);
    expect((await sut.http('PATCH', `/experts/${id}`, { version: 2, active: false }, industry)).status).toBe(403);
    const inField = await sut.http('GET', '/experts?field=biomedicine&sort=-createdAt', undefined, reader);
    expect(inField.body.items.map((e: { name: string }) => e.name)).toEqual(['郑洁', '陈静']);
  });

  it('documents its routes in OpenAPI', async () => {
    const docs = await sut.http('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/projects',
        '/projects/{id}',
        '/projects/{id}/review-panel',
        '/projects/{id}/reviews',
        '/projects/{id}/demonstration',
        '/projects/{id}/selection',
        '/projects/{id}/rejection',
        '/projects/{id}/resource-matches',
        '/projects/{id}/audit',
        '/experts',
        '/members',
        '/achievements',
      ]),
    );
    expect(docs.body.paths['/projects'].post.requestBody).toBeDefined();
  });
});
