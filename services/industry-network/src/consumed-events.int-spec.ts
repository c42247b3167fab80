/**
 * The industry network's reactions to events it consumes:
 *  - research.project.found.v1 (our research network or a partner) → suggestions;
 *  - industry.consortium.formed.v1 from partners → recorded consortia; our own echo → ignored.
 * Events are injected on the test's namespaced topics as a partner would
 * publish them; effects are observed through the HTTP API (and the inbox, to
 * know an ignored event was processed). Real: PostgreSQL, Kafka, Nest. Faked: nothing.
 */
import path from 'node:path';
import { buildEvent, type PlatformEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually } from '@tjc/testing';
import { AppModule, CONSUMER } from './app.module';
import { loadServiceConfig } from './config';
import { PrismaService } from './prisma.service';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ sub: 'zhao.min', name: '赵敏', roles: ['coordinator'], network: 'industry' });
});
afterAll(() => sut.stop());

/** Waits until the service's consumer has committed its handling of an event (inbox row present). */
async function processed(event: PlatformEvent): Promise<void> {
  const prisma = sut.service.app.get(PrismaService);
  await expectEventually(async () => expect(await prisma.runtimeInbox.count({ where: { source: event.source, eventId: event.id } })).toBe(1), { timeoutMs: 30_000 });
}

const projectFound = (projectId: string, field: 'integrated-circuits' | 'biomedicine', source: 'partner/beijing-hq' | 'tjc/research-network') =>
  buildEvent(
    'research.project.found.v1',
    {
      projectId,
      title: '面向6G的太赫兹通信芯片',
      institution: { name: '清华大学', region: 'beijing', type: 'university' },
      field,
      trl: 5,
      demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
    },
    { source, time: '2024-05-20T10:00:00+08:00' },
  );

describe('research.project.found.v1 → candidate consortia (suggestions)', () => {
  it('suggests each OPEN demand of the same field once, and a consortium formed from a suggestion carries the project', async () => {
    const feiteng = await sut.http('POST', '/enterprises', { id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', industryChain: '信创产业链', field: 'integrated-circuits', isKeyEnterprise: true, isChainLeader: true }, coordinator);
    expect(feiteng.status).toBe(201);
    await sut.http('POST', '/enterprises', { id: 'ent-tasly', name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true }, coordinator);
    const post = async (enterpriseId: string, field: string, title: string) => {
      const res = await sut.http('POST', '/demands', { enterpriseId, field, title, problem: `${title}：需要联合攻关。` }, coordinator);
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    };
    const open = await post('ent-feiteng', 'integrated-circuits', '高速SerDes接口芯片设计');
    const closed = await post('ent-feiteng', 'integrated-circuits', '芯片封装散热材料');
    expect((await sut.http('POST', `/demands/${closed.id}/close`, { version: 1, reason: '已由供应商解决' }, coordinator)).status).toBe(200);
    const otherField = await post('ent-tasly', 'biomedicine', '中药活性成分快速检测');

    const fromHq = projectFound('hq-2024-017', 'integrated-circuits', 'partner/beijing-hq');
    await sut.events.publish(fromHq);
    const suggestions = await expectEventually(async () => {
      const res = await sut.http('GET', `/demands/${open.id}/suggestions`, undefined, coordinator);
      expect(res.body.total).toBe(1);
      expect(res.body.items).toHaveLength(1);
      return res.body.items;
    });
    expect(suggestions[0]).toMatchObject({
      status: 'candidate',
      project: { id: 'hq-2024-017', title: '面向6G的太赫兹通信芯片', institution: { name: '清华大学', region: 'beijing' }, reportedBy: 'partner/beijing-hq' },
      demand: { id: open.id, enterpriseName: '飞腾信息技术有限公司', status: 'open' },
    });
    // The closed demand and the other field's demand get nothing.
    expect((await sut.http('GET', '/suggestions?projectId=hq-2024-017', undefined, coordinator)).body.total).toBe(1);
    expect((await sut.http('GET', `/demands/${closed.id}/suggestions`, undefined, coordinator)).body.total).toBe(0);
    expect((await sut.http('GET', `/demands/${otherField.id}/suggestions`, undefined, coordinator)).body.total).toBe(0);
    expect((await sut.http('GET', '/demands/dm-unknown/suggestions', undefined, coordinator)).status).toBe(404);

    // The same project reported again by our research network: no second suggestion.
    const fromResearch = projectFound('hq-2024-017', 'integrated-circuits', 'tjc/research-network');
    await sut.events.publish(fromResearch);
    await processed(fromResearch);
    expect((await sut.http('GET', '/suggestions?projectId=hq-2024-017', undefined, coordinator)).body.total).toBe(1);

    const demandAudit = (await sut.http('GET', `/demands/${open.id}/audit`, undefined, coordinator)).body.items;
    expect(demandAudit.at(-1)).toMatchObject({ action: 'demand.suggestion-added', actor: 'event:partner/beijing-hq', eventId: fromHq.id, requestId: null });

    // The coordinator takes the suggestion up: the consortium carries the project id.
    const form = {
      suggestionId: suggestions[0].id,
      name: '高速互连芯片创新联合体',
      topic: '高速SerDes接口芯片关键核心技术攻关',
      field: 'integrated-circuits',
      leadEnterpriseId: 'ent-feiteng',
      members: [{ name: '清华大学', region: 'beijing', type: 'university' }],
      formedOn: '2024-06-01',
    };
    const formed = await sut.http('POST', '/consortia', form, coordinator);
    expect(formed.status).toBe(201);
    expect(formed.body.projectId).toBe('hq-2024-017');
    const [event] = await sut.events.expect('industry.consortium.formed.v1', (e) => e.subject === formed.body.id);
    expect(event!.data.projectId).toBe('hq-2024-017');
    // The center organised it (#18.17).
    expect(event!.data.attribution).toEqual({ centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/industry-network' } });
    expect((await sut.http('GET', '/suggestions?status=taken', undefined, coordinator)).body.items).toEqual([expect.objectContaining({ id: suggestions[0].id, consortiumId: formed.body.id })]);
    const twice = await sut.http('POST', '/consortia', form, coordinator);
    expect(twice.status).toBe(409);
  });
});

describe('industry.consortium.formed.v1 from partners', () => {
  const reported = (name: string, source: 'partner/hebei-center' | 'tjc/industry-network', consortiumId: string, time = '2024-08-08T09:00:00+08:00') =>
    buildEvent(
      'industry.consortium.formed.v1',
      {
        consortiumId,
        name,
        topic: '高性能碳纤维复合材料关键核心技术攻关',
        field: 'new-materials',
        leadEnterprise: { id: 'hb-ent-tjcarbon', name: '天津碳纤维新材料有限公司', region: 'tianjin', isKeyEnterprise: false },
        members: [
          { name: '河北工业大学', region: 'hebei', type: 'university' },
          { name: '河北工业大学', region: 'hebei', type: 'university' },
          { name: '雄安创新研究院', region: 'xiongan', type: 'research-institute' },
        ],
        formedOn: '2024-08-08',
      },
      { source, time },
    );

  it('records what the Hebei Center reports (read-only here), applies a re-report, and ignores our own echo', async () => {
    const first = reported('碳纤维复合材料创新联合体', 'partner/hebei-center', 'hb-cs-2024-009');
    await sut.events.publish(first);
    const recorded = await expectEventually(async () => {
      const res = await sut.http('GET', '/consortia?reportedBy=partner/hebei-center', undefined, coordinator);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0];
    });
    expect(recorded).toMatchObject({
      status: 'formed',
      origin: 'partner-report',
      externalId: 'hb-cs-2024-009',
      formedOn: '2024-08-08',
      allowedTransitions: [],
      members: [{ name: '河北工业大学', region: 'hebei', type: 'university' }, { name: '雄安创新研究院', region: 'xiongan', type: 'research-institute' }],
    });
    const milestone = await sut.http('POST', `/consortia/${recorded.id}/milestones`, { title: '完成样件试制', reachedOn: '2024-09-01' }, coordinator);
    expect(milestone.status).toBe(409);
    expect(milestone.body.reportedBy).toBe('partner/hebei-center');

    const corrected = reported('碳纤维复合材料京津冀创新联合体', 'partner/hebei-center', 'hb-cs-2024-009');
    await sut.events.publish(corrected);
    await expectEventually(async () => {
      const res = await sut.http('GET', '/consortia?reportedBy=partner/hebei-center', undefined, coordinator);
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['碳纤维复合材料京津冀创新联合体']);
    });
    const audit = (await sut.http('GET', `/consortia/${recorded.id}/audit`, undefined, coordinator)).body.items;
    expect(audit.map((a: { action: string; actor: string; eventId: string }) => [a.action, a.actor, a.eventId])).toEqual([
      ['consortium.partner-reported', 'event:partner/hebei-center', first.id],
      // The lead (not on our registry, not claimed key: nothing to flag) is judged on every applied report (ADR 0015).
      ['consortium.lead-judged', 'event:partner/hebei-center', first.id],
      ['consortium.partner-report-updated', 'event:partner/hebei-center', corrected.id],
      ['consortium.lead-judged', 'event:partner/hebei-center', corrected.id],
    ]);

    // An older version arriving after it (#18.13): recorded, not applied.
    const older = reported('碳纤维联合体（旧版）', 'partner/hebei-center', 'hb-cs-2024-009', '2024-08-01T09:00:00+08:00');
    await sut.events.publish(older);
    await expectEventually(async () => {
      const items = (await sut.http('GET', `/consortia/${recorded.id}/audit`, undefined, coordinator)).body.items;
      expect(items.at(-1)).toMatchObject({ action: 'consortium.partner-update-skipped', eventId: older.id, detail: { reason: 'older-than-held', held: '2024-08-08T01:00:00.000Z', sent: '2024-08-01T01:00:00.000Z' } });
    });
    expect((await sut.http('GET', `/consortia/${recorded.id}`, undefined, coordinator)).body.name).toBe('碳纤维复合材料京津冀创新联合体');

    const echo = reported('本服务自己的联合体', 'tjc/industry-network', 'cs-echo-test');
    await sut.events.publish(echo);
    await processed(echo);
    const ours = (await sut.http('GET', '/consortia?origin=partner-report', undefined, coordinator)).body;
    expect(ours.total).toBe(1);
    expect((await sut.http('GET', '/consortia', undefined, coordinator)).body.items.map((c: { name: string }) => c.name)).not.toContain('本服务自己的联合体');
  });
});
