/**
 * The supply list (科技成果供给清单) and the member register through the
 * public API. Real: PostgreSQL, Kafka, the Nest app with relay and consumer.
 * The service network and partners are played by publishing their events.
 */
import path from 'node:path';
import { buildEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually, uniqueName } from '@tjc/testing';
import { AppModule, CONSUMED_TOPICS } from '../app.module';
import { loadServiceConfig } from '../config';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let research: string;
let industry: string;
let reader: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: { groupId: uniqueName('research-network'), topics: CONSUMED_TOPICS },
  });
  research = await sut.token({ roles: ['coordinator'], network: 'research', sub: 'li.na', name: '李娜' });
  industry = await sut.token({ roles: ['coordinator'], network: 'industry', sub: 'wang.qiang', name: '王强' });
  reader = await sut.token({ roles: ['reader'] });
});
afterAll(() => sut?.stop());

const carbonFibre = {
  title: '高性能碳纤维复合材料制备技术',
  field: 'new-materials',
  owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
  summary: '低成本碳纤维复合材料连续化制备工艺。',
  ipKind: 'patent',
  askingPrice: { amount: '1200000.00', currency: 'CNY' },
  listedAt: '2024-04-12T09:30:00+08:00',
};

describe('research network: supply list', () => {
  it('lists an achievement, searches it by field and region, and marks it transferred when it lands', async () => {
    const listed = await sut.http('POST', '/achievements', carbonFibre, research);
    expect(listed.status).toBe(201);
    const id = listed.body.id as string;
    expect(listed.body).toMatchObject({ status: 'listed', source: 'tjc/research-network', askingPrice: { amount: '1200000.00', currency: 'CNY' } });
    const [event] = await sut.events.expect('research.achievement.listed.v1', (e) => e.subject === id);
    expect(event!.data).toMatchObject({ achievementId: id, title: '高性能碳纤维复合材料制备技术', owner: { name: '河北工业大学', region: 'hebei' }, ipKind: 'patent' });
    expect(Date.parse(event!.time)).toBe(Date.parse('2024-04-12T09:30:00+08:00'));

    await sut.http('POST', '/achievements', { ...carbonFibre, title: '细胞治疗药物制备工艺', field: 'biomedicine', owner: { name: '南开大学', region: 'tianjin' }, askingPrice: undefined }, research);
    const hebeiMaterials = await sut.http('GET', '/achievements?field=new-materials&region=hebei', undefined, reader);
    expect(hebeiMaterials.body).toMatchObject({ total: 1, items: [{ id, title: '高性能碳纤维复合材料制备技术' }] });
    expect((await sut.http('GET', '/achievements?q=细胞', undefined, reader)).body.total).toBe(1);
    expect((await sut.http('GET', '/achievements?region=shanghai', undefined, reader)).body.errors).toEqual([expect.objectContaining({ path: 'region', rule: 'invalid_value' })]);

    // The service network reports the landing; the id links it to our listing.
    const transferred = buildEvent(
      'service.achievement.transferred.v1',
      {
        transferId: 'tr-2024-0005',
        achievement: { id, title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
        origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
        receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
        mode: 'use-first-pay-later',
        contractAmount: { amount: '1200000.00', currency: 'CNY' },
        landedOn: '2024-07-02',
      },
      { source: 'tjc/service-network', time: '2024-07-02T11:00:00+08:00' },
    );
    // A transfer of an achievement we never listed is not ours, and is ignored without error.
    const unrelated = buildEvent(
      'service.achievement.transferred.v1',
      { ...transferred.data, transferId: 'tr-2024-0099', achievement: { id: 'ach-elsewhere', title: '其他成果', field: 'new-materials' } },
      { source: 'tjc/service-network' },
    );
    await sut.events.publish(transferred, unrelated, transferred);
    await expectEventually(async () => {
      const res = await sut.http('GET', `/achievements/${id}`, undefined, reader);
      expect(res.body).toMatchObject({
        status: 'transferred',
        transfers: [{ transferId: 'tr-2024-0005', receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' }, mode: 'use-first-pay-later', landedOn: '2024-07-02' }],
      });
    });
    expect((await sut.http('GET', '/achievements?status=transferred', undefined, reader)).body.total).toBe(1);
    const audit = await sut.http('GET', `/achievements/${id}/audit`, undefined, reader);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'achievement.listed', actor: 'li.na@research' }),
      expect.objectContaining({ action: 'achievement.transferred', actor: 'event:tjc/service-network', eventId: transferred.id }),
    ]);
  });

  it('puts partner listings on the supply list with their source', async () => {
    const fromXiongan = buildEvent(
      'research.achievement.listed.v1',
      { achievementId: 'ach-xa-2024-001', title: '城市数字孪生平台', field: 'artificial-intelligence', owner: { name: '雄安新区科技创新研究院', region: 'xiongan' }, summary: '面向新城建设的数字孪生底座。', askingPrice: { amount: '800000.50', currency: 'CNY' } },
      { source: 'partner/xiongan-center', time: '2024-03-03T10:00:00+08:00' },
    );
    await sut.events.publish(fromXiongan);
    await expectEventually(async () => {
      const res = await sut.http('GET', '/achievements?source=partner/xiongan-center&region=xiongan', undefined, reader);
      expect(res.body).toMatchObject({ total: 1, items: [{ id: 'ach-xa-2024-001', source: 'partner/xiongan-center', status: 'listed', askingPrice: { amount: '800000.50', currency: 'CNY' }, listedAt: '2024-03-03T02:00:00.000Z' }] });
    });
  });

  it('keeps a partner’s newer listing when an older version arrives after it, and records the skip (#18.13)', async () => {
    const listing = (title: string, time: string) =>
      buildEvent(
        'research.achievement.listed.v1',
        { achievementId: 'ach-hb-2024-042', title, field: 'new-materials', owner: { name: '河北工业大学', region: 'hebei' }, summary: '碳纤维原丝制备。' },
        { source: 'partner/hebei-center', time },
      );
    const june = listing('碳纤维原丝（六月修订版）', '2024-06-10T10:00:00+08:00');
    const may = listing('碳纤维原丝（五月版）', '2024-05-10T10:00:00+08:00');
    await sut.events.publish(june, may);
    await expectEventually(async () => {
      const audit = await sut.http('GET', '/achievements/ach-hb-2024-042/audit', undefined, reader);
      expect(audit.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'achievement.partner-imported', eventId: june.id }),
          expect.objectContaining({ action: 'achievement.partner-update-skipped', eventId: may.id, detail: expect.objectContaining({ reason: 'older-than-held', held: '2024-06-10T02:00:00.000Z', sent: '2024-05-10T02:00:00.000Z' }) }),
        ]),
      );
    });
    expect((await sut.http('GET', '/achievements/ach-hb-2024-042', undefined, reader)).body).toMatchObject({ title: '碳纤维原丝（六月修订版）', listedAt: '2024-06-10T02:00:00.000Z' });
    // A version at least as new as the one held applies.
    const july = listing('碳纤维原丝（七月版）', '2024-07-01T10:00:00+08:00');
    await sut.events.publish(july);
    await expectEventually(async () => expect((await sut.http('GET', '/achievements/ach-hb-2024-042', undefined, reader)).body).toMatchObject({ title: '碳纤维原丝（七月版）' }));
  });

  it('keeps a partner’s listing under our achievement’s id as a co-report, not a dead letter, and leaves ours as it was (#18.15)', async () => {
    const ours = await sut.http('POST', '/achievements', { ...carbonFibre, title: '海水淡化反渗透膜组件' }, research);
    expect(ours.status).toBe(201);
    const id = ours.body.id as string;
    // HQ lists the same achievement on its own supply list, reusing our id (before: a permanent failure, dead-lettered).
    const fromHq = buildEvent(
      'research.achievement.listed.v1',
      { achievementId: id, title: '反渗透膜组件（本部推介）', field: 'new-materials', owner: { name: '河北工业大学', region: 'hebei' }, summary: '本部成果推介会上发布。' },
      { source: 'partner/beijing-hq', time: '2024-05-20T10:00:00+08:00' },
    );
    await sut.events.publish(fromHq, fromHq);
    await expectEventually(async () => {
      const res = await sut.http('GET', `/achievements/${id}`, undefined, reader);
      expect(res.body).toMatchObject({ source: 'tjc/research-network', title: '海水淡化反渗透膜组件', coReports: [{ source: 'partner/beijing-hq', eventId: fromHq.id, title: '反渗透膜组件（本部推介）', listedAt: '2024-05-20T02:00:00.000Z' }] });
    });
    const audit = await sut.http('GET', `/achievements/${id}/audit`, undefined, reader);
    expect(audit.body.items.filter((r: { action: string }) => r.action === 'achievement.co-reported')).toEqual([
      expect.objectContaining({ actor: 'event:partner/beijing-hq', eventId: fromHq.id, detail: expect.objectContaining({ reportedBy: 'partner/beijing-hq', heldFrom: 'tjc/research-network' }) }),
    ]);
  });

  it('refuses writes by another network, unknown projects and invalid listings', async () => {
    expect((await sut.http('POST', '/achievements', carbonFibre, industry)).status).toBe(403);
    expect((await sut.http('POST', '/achievements', { ...carbonFibre, projectId: 'rp-unknown' }, research)).status).toBe(404);
    const invalid = await sut.http('POST', '/achievements', { ...carbonFibre, askingPrice: { amount: '12.345', currency: 'CNY' }, summary: '   ' }, research);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'askingPrice.amount', rule: 'invalid_format' }), expect.objectContaining({ path: 'summary', rule: 'custom' })]),
    );
    expect((await sut.http('GET', '/achievements/ach-unknown', undefined, reader)).status).toBe(404);
  });
});

describe('research network: members', () => {
  it('registers members, refuses duplicates and stale edits, and lists them by region and type', async () => {
    const nku = await sut.http('POST', '/members', { name: '南开大学', region: 'tianjin', type: 'university' }, research);
    expect(nku.status).toBe(201);
    await sut.http('POST', '/members', { name: '海河实验室（先进计算与关键软件（信创））', region: 'tianjin', type: 'haihe-lab' }, research);
    await sut.http('POST', '/members', { name: '河北工业大学', region: 'hebei', type: 'university' }, research);
    expect((await sut.http('POST', '/members', { name: '南开大学', region: 'tianjin', type: 'university' }, research)).status).toBe(409);
    const wrongType = await sut.http('POST', '/members', { name: '天津某公司', region: 'tianjin', type: 'enterprise' }, research);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ path: 'type', rule: 'invalid_value' })]);
    expect((await sut.http('POST', '/members', { name: '天津大学', region: 'tianjin', type: 'university' }, industry)).status).toBe(403);

    const edited = await sut.http('PATCH', `/members/${nku.body.id}`, { version: 1, note: '京津冀高校协同创新联盟成员' }, research);
    expect(edited.body).toMatchObject({ version: 2, note: '京津冀高校协同创新联盟成员' });
    const stale = await sut.http('PATCH', `/members/${nku.body.id}`, { version: 1, note: '旧版本' }, research);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await sut.http('PATCH', `/members/${nku.body.id}`, { version: 2 }, research)).body.errors).toEqual([expect.objectContaining({ rule: 'custom', message: 'change at least one field' })]);
    expect((await sut.http('PATCH', '/members/m-unknown', { version: 1, note: '无' }, research)).status).toBe(404);

    const tianjinUniversities = await sut.http('GET', '/members?region=tianjin&type=university', undefined, reader);
    expect(tianjinUniversities.body).toMatchObject({ total: 1, items: [{ name: '南开大学', version: 2 }] });
    const page = await sut.http('GET', '/members?limit=2&offset=0&sort=-name', undefined, reader);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.items).toHaveLength(2);
    const audit = await sut.http('GET', `/members/${nku.body.id}/audit`, undefined, reader);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['member.registered', 'member.updated']);
  });
});
