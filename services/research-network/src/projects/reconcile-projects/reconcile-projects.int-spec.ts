/**
 * One identity per project across sources (#18.15, ADR 0016), through the
 * service's public surfaces. Real: PostgreSQL (migrated clone), Kafka
 * (namespaced topics), the Nest app with HTTP, outbox relay and consumer,
 * signed JWTs. HQ is played by publishing its events; what the KPI makes of
 * the corrections published here is proved in the KPI service's ingest spec.
 */
import path from 'node:path';
import { buildEvent, type EventDataInput, type PlatformEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually, uniqueName } from '@tjc/testing';
import { AppModule, CONSUMED_TOPICS } from '../../app.module';
import { loadServiceConfig } from '../../config';
import { PrismaService } from '../../prisma.service';
import { BackfillIdentityKeys } from './backfill-identity-keys.service';

jest.setTimeout(180_000);

let sut: ServiceUnderTest;
let research: string;
let industry: string;
let reader: string;
let ops: string;
const experts: string[] = [];

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: { groupId: uniqueName('research-network'), topics: CONSUMED_TOPICS },
  });
  research = await sut.token({ roles: ['coordinator'], network: 'research', sub: 'li.na', name: '李娜' });
  industry = await sut.token({ roles: ['coordinator'], network: 'industry', sub: 'wang.qiang', name: '王强' });
  reader = await sut.token({ roles: ['reader'], sub: 'leader', name: '领导' });
  ops = await sut.token({ roles: ['ops'], sub: 'ops', name: '运维' });
  for (const [name, region, institutionName] of [
    ['李华', 'beijing', '北京大学'],
    ['张伟', 'hebei', '河北工业大学'],
    ['刘洋', 'tianjin', '南开大学'],
  ] as const) {
    const res = await sut.http('POST', '/experts', { name, region, fields: ['integrated-circuits', 'new-energy'], institutionName }, research);
    expect(res.status).toBe(201);
    experts.push(res.body.id as string);
  }
});
afterAll(() => sut?.stop());

/** Runs one of our projects through the pipeline to `found`; returns its id and its found event. */
async function foundProject(title: string, institution: string, foundAt: string): Promise<{ id: string; event: PlatformEvent<'research.project.found.v1'> }> {
  const submitted = await sut.http(
    'POST',
    '/projects',
    { title, institution: { name: institution, region: 'tianjin', type: 'university' }, field: 'integrated-circuits', trl: 4, team: [{ name: '王明' }], summary: '摘要', submittedAt: '2024-03-01T09:00:00+08:00' },
    research,
  );
  expect(submitted.status).toBe(201);
  const id = submitted.body.id as string;
  let version = (await sut.http('POST', `/projects/${id}/review-panel`, { version: 1, expertIds: experts }, research)).body.version as number;
  for (const expertId of experts) version = (await sut.http('POST', `/projects/${id}/reviews`, { expertId, score: 90, reviewedAt: '2024-03-20T10:00:00+08:00' }, research)).body.version as number;
  version = (await sut.http('POST', `/projects/${id}/demonstration`, { version, startedAt: '2024-04-10T09:00:00+08:00' }, research)).body.version as number;
  const found = await sut.http('POST', `/projects/${id}/selection`, { version, demonstration: { withHq: true, conclusion: '与本部联合论证通过' }, foundAt }, research);
  expect(found.status).toBe(200);
  const [event] = await sut.events.expect('research.project.found.v1', (e) => e.subject === id);
  // Our own found event comes back on the research topic and sets the project's identity key.
  const prisma = sut.service.app.get(PrismaService);
  await expectEventually(async () => expect((await prisma.project.findUniqueOrThrow({ where: { id } })).identityKey).not.toBeNull());
  return { id, event: event! };
}

function hqFound(data: Partial<EventDataInput<'research.project.found.v1'>> & { projectId: string; title: string }, time: string): PlatformEvent<'research.project.found.v1'> {
  return buildEvent(
    'research.project.found.v1',
    { institution: { name: '天津大学', region: 'tianjin', type: 'university' }, field: 'integrated-circuits', trl: 5, demonstration: { withHq: true, conclusion: '本部与天津中心联合论证' }, ...data },
    { source: 'partner/beijing-hq', time },
  );
}

async function corrections(targetId: string, count = 1) {
  return sut.events.expect('center.event.corrected.v1', (e) => e.data.target.id === targetId, count);
}

describe('research network: one identity per project across sources (#18.15)', () => {
  it('links HQ’s report under our own id as a co-report, not a dead letter, and retracts it in the KPI with the reason', async () => {
    const ours = await foundProject('面向6G的太赫兹通信芯片', '天津大学', '2024-06-01T10:00:00+08:00');
    const hq = hqFound({ projectId: ours.id, title: '面向6G的太赫兹通信芯片' }, '2024-06-05T10:00:00+08:00');
    await sut.events.publish(hq);

    const [retraction] = await corrections(hq.id);
    expect(retraction).toMatchObject({ source: 'tjc/research-network', data: { action: 'retract', target: { source: 'partner/beijing-hq', id: hq.id, type: 'research.project.found.v1' } } });
    expect(retraction!.data.reason).toContain(`与项目 ${ours.id} 为同一项目`);
    expect(retraction!.data.reason).toContain(`co-report of project ${ours.id}`);

    const reports = await sut.http('GET', `/projects/${ours.id}/partner-reports`, undefined, reader);
    expect(reports.body).toMatchObject({ total: 1, items: [{ source: 'partner/beijing-hq', eventId: hq.id, reportedProjectId: ours.id, linkedProjectId: ours.id, linkKind: 'reused-id', refusal: null }] });
    // The project stays ours, unchanged by the partner's report; nothing was dead-lettered.
    expect((await sut.http('GET', `/projects/${ours.id}`, undefined, reader)).body).toMatchObject({ source: 'tjc/research-network', state: 'found' });
    expect((await sut.http('GET', '/ops/dead-letters', undefined, ops)).body.total).toBe(0);
    const audit = await sut.http('GET', `/projects/${ours.id}/audit`, undefined, reader);
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'project.co-report-linked', actor: 'event:partner/beijing-hq' })]));
  });

  it('links a report with platformProjectId as a co-report; an unknown one stands as the partner’s project with the reason visible', async () => {
    const ours = await foundProject('量子精密测量芯片', '天津大学', '2024-06-02T10:00:00+08:00');
    const hq = hqFound({ projectId: 'hq-2024-031', title: '量子精密测量芯片', platformProjectId: ours.id }, '2024-06-06T10:00:00+08:00');
    const unknown = hqFound({ projectId: 'hq-2024-032', title: '光子计算芯片', platformProjectId: 'rp-does-not-exist' }, '2024-06-06T11:00:00+08:00');
    await sut.events.publish(hq, unknown);

    const [retraction] = await corrections(hq.id);
    expect(retraction!.data).toMatchObject({ action: 'retract', target: { id: hq.id } });
    expect((await sut.http('GET', `/projects/${ours.id}/partner-reports`, undefined, reader)).body.items).toEqual([expect.objectContaining({ eventId: hq.id, reportedProjectId: 'hq-2024-031', linkKind: 'reference' })]);
    // Not a second project.
    expect((await sut.http('GET', '/projects/hq-2024-031', undefined, reader)).status).toBe(404);

    await expectEventually(async () => expect((await sut.http('GET', '/projects/hq-2024-032', undefined, reader)).body).toMatchObject({ source: 'partner/beijing-hq', state: 'found' }));
    const own = await sut.http('GET', '/projects/hq-2024-032/partner-reports', undefined, reader);
    expect(own.body.items).toEqual([expect.objectContaining({ eventId: unknown.id, linkedProjectId: null, refusal: expect.stringContaining('rp-does-not-exist') })]);
    const audit = await sut.http('GET', '/projects/hq-2024-032/audit', undefined, reader);
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'project.co-report-refused' })]));
    expect((await sut.http('GET', '/ops/dead-letters', undefined, ops)).body.total).toBe(0);
  });

  it('queues HQ’s own-id report with the same normalised title and institution; confirm retracts it, a second decision is 409, the undo restores it', async () => {
    const ours = await foundProject('固态锂电池电解质', '天津大学', '2024-06-03T10:00:00+08:00');
    // Full-width letters, spaces and punctuation: the same project as typed by another system.
    const hq = hqFound({ projectId: 'hq-2024-017', title: '固态锂电池 电解质。', institution: { name: '天津大学　', region: 'tianjin', type: 'university' } }, '2024-05-08T10:00:00+08:00');
    await sut.events.publish(hq);

    let pending: { id: string; version: number } | undefined;
    await expectEventually(async () => {
      const queue = await sut.http('GET', '/reconciliations?status=pending&limit=10', undefined, reader);
      expect(queue.status).toBe(200);
      const item = (queue.body.items as { id: string; version: number; canonical: { id: string }; duplicate: { id: string } }[]).find((r) => r.duplicate.id === 'hq-2024-017');
      expect(item).toMatchObject({ canonical: { id: ours.id, source: 'tjc/research-network' }, duplicate: { id: 'hq-2024-017', source: 'partner/beijing-hq' }, status: 'pending' });
      pending = item;
    });
    const queue = await sut.http('GET', '/reconciliations?limit=1&offset=0', undefined, reader);
    expect(queue.body).toMatchObject({ limit: 1, offset: 0 });
    expect(queue.body.total).toBeGreaterThanOrEqual(1);
    expect(queue.body.items).toHaveLength(1);

    // Only the research network's coordinators decide (and center admins, as for every research record).
    expect((await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, { version: pending!.version }, industry)).status).toBe(403);
    expect((await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, { version: pending!.version }, reader)).status).toBe(403);
    const bad = await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, {}, research);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'version' })]);

    const confirmed = await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, { version: pending!.version, note: '同一课题组' }, research);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: 'li.na@research', note: '同一课题组' });
    const [retraction] = await corrections(hq.id);
    expect(retraction).toMatchObject({ source: 'tjc/research-network', data: { action: 'retract', target: { source: 'partner/beijing-hq', id: hq.id } } });
    expect(retraction!.data.reason).toContain(`与项目 ${ours.id} 为同一项目（科研网络协调员确认）`);
    expect((await sut.http('GET', `/projects/${ours.id}/partner-reports`, undefined, reader)).body.items).toEqual([expect.objectContaining({ eventId: hq.id, linkKind: 'reconciliation' })]);

    // A second decision is a conflict.
    const twice = await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, { version: confirmed.body.version }, research);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentStatus: 'confirmed' });

    // HQ re-publishes the duplicate: it stays a co-report and is retracted too.
    const again = hqFound({ projectId: 'hq-2024-017', title: '固态锂电池电解质', trl: 6 }, '2024-07-01T10:00:00+08:00');
    await sut.events.publish(again);
    await corrections(again.id);

    // The undo: the duplicate's reports count again (amended with their own data).
    const undone = await sut.http('POST', `/reconciliations/${pending!.id}/rejection`, { version: confirmed.body.version, note: '核实后为不同项目' }, research);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'rejected' });
    const restored = await sut.events.expect('center.event.corrected.v1', (e) => e.data.action === 'amend' && [hq.id, again.id].includes(e.data.target.id), 2);
    expect(restored.map((e) => e.data.replacement)).toEqual(expect.arrayContaining([expect.objectContaining({ projectId: 'hq-2024-017', trl: 5 }), expect.objectContaining({ trl: 6 })]));
    expect((await sut.http('POST', `/reconciliations/${pending!.id}/rejection`, { version: undone.body.version }, research)).status).toBe(409);
    expect((await sut.http('GET', `/projects/${ours.id}/partner-reports`, undefined, reader)).body.total).toBe(0);
    const trail = await sut.http('GET', `/projects/${ours.id}/audit`, undefined, reader);
    expect(trail.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'project.co-report-unlinked', actor: 'li.na@research' })]));
  });

  it('a rejected suspicion leaves both projects counting: no correction is published', async () => {
    const ours = await foundProject('高熵合金叶片', '天津大学', '2024-06-04T10:00:00+08:00');
    const hq = hqFound({ projectId: 'hq-2024-040', title: '高熵合金叶片' }, '2024-06-09T10:00:00+08:00');
    await sut.events.publish(hq);
    let pending: { id: string; version: number } | undefined;
    await expectEventually(async () => {
      const queue = await sut.http('GET', '/reconciliations?status=pending', undefined, reader);
      pending = (queue.body.items as { id: string; version: number; duplicate: { id: string } }[]).find((r) => r.duplicate.id === 'hq-2024-040');
      expect(pending).toBeDefined();
    });
    const rejected = await sut.http('POST', `/reconciliations/${pending!.id}/rejection`, { version: pending!.version }, research);
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    expect((await sut.http('POST', `/reconciliations/${pending!.id}/confirmation`, { version: rejected.body.version }, research)).status).toBe(409);
    // The observer saw the other tests' corrections; none comes for this report (a few seconds' watch).
    const seen = await sut.events.expect('center.event.corrected.v1', (e) => e.data.target.id === hq.id, 1, 3_000).then(
      () => 'published',
      () => 'none',
    );
    expect(seen).toBe('none');
    expect((await sut.http('GET', '/projects/hq-2024-040', undefined, reader)).body).toMatchObject({ source: 'partner/beijing-hq', state: 'found' });
    expect((await sut.http('GET', `/projects/${ours.id}/partner-reports`, undefined, reader)).body.total).toBe(0);
  });

  it('queues a suspicion for a project recorded before identity keys existed, once the boot backfill keys it (#18.15)', async () => {
    const ours = await foundProject('钙钛矿叠层太阳能电池', '天津大学', '2024-06-05T10:00:00+08:00');
    const prisma = sut.service.app.get(PrismaService);
    // As recorded before ADR 0016: no identity key, so a partner's report of it is never compared with it.
    await prisma.project.update({ where: { id: ours.id }, data: { identityKey: null } });
    const hq = hqFound({ projectId: 'hq-2024-051', title: '钙钛矿叠层太阳能电池' }, '2024-06-10T10:00:00+08:00');
    await sut.events.publish(hq);
    await expectEventually(async () => expect((await prisma.project.findUnique({ where: { id: 'hq-2024-051' } }))?.identityKey).toBeTruthy());
    const pendingFor = async () =>
      ((await sut.http('GET', '/reconciliations?status=pending&limit=100', undefined, reader)).body.items as { canonical: { id: string }; duplicate: { id: string } }[]).filter((r) => r.duplicate.id === 'hq-2024-051');
    expect(await pendingFor()).toEqual([]);

    const backfill = sut.service.app.get(BackfillIdentityKeys);
    const first = await backfill.backfill();
    expect(first.keyed).toBeGreaterThanOrEqual(1);
    expect(first.suspected).toBeGreaterThanOrEqual(1);
    expect(await pendingFor()).toEqual([expect.objectContaining({ canonical: expect.objectContaining({ id: ours.id }), duplicate: expect.objectContaining({ id: 'hq-2024-051' }) })]);
    // Idempotent: a second boot finds nothing to key and queues nothing twice.
    expect(await backfill.backfill()).toEqual({ keyed: 0, suspected: 0 });
    expect(await pendingFor()).toHaveLength(1);
  });
});
