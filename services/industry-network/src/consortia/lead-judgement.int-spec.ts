/**
 * #18.14: a partner may report a consortium, but whether its lead is on the
 * center's key-enterprise list at the formation date is the registry's fact.
 * The industry network judges the partner's claim against the dated listing,
 * flags a mismatch on the record, states the consortium itself (its own
 * industry.consortium.formed.v1 with `restates`) and amends that statement —
 * never a second formation — on a re-report or a listing change dated before
 * the formation. Real: PostgreSQL, Kafka, Nest. Faked: nothing.
 */
import path from 'node:path';
import { buildEvent, type PlatformEvent } from '@tjc/contracts';
import { Prisma } from '../generated/prisma/client';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually } from '@tjc/testing';
import { AppModule, CONSUMER } from '../app.module';
import { loadServiceConfig } from '../config';
import { PrismaService } from '../prisma.service';
import { BackfillPartnerStatements } from './record-partner-consortium/backfill-partner-statements.service';

jest.setTimeout(180_000);

let sut: ServiceUnderTest;
let coordinator: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ sub: 'zhao.min', name: '赵敏', roles: ['coordinator'], network: 'industry' });
});
afterAll(() => sut.stop());

const lead = (id: string, name: string, isKeyEnterprise: boolean) => ({ id, name, region: 'tianjin' as const, isKeyEnterprise });
const reported = (consortiumId: string, leadEnterprise: ReturnType<typeof lead>, formedOn: string, time = `${formedOn}T09:00:00+08:00`, source: 'partner/hebei-center' | 'partner/beijing-hq' = 'partner/hebei-center') =>
  buildEvent(
    'industry.consortium.formed.v1',
    {
      consortiumId,
      name: `${leadEnterprise.name}创新联合体`,
      topic: '关键核心技术联合攻关',
      field: 'new-materials',
      leadEnterprise,
      members: [{ name: '河北工业大学', region: 'hebei', type: 'university' }],
      formedOn,
    },
    { source, time },
  );

interface ConsortiumView {
  id: string;
  externalId: string | null;
  statedLead: { id: string; isKeyEnterprise: boolean } | null;
  leadJudgement: { flagged: boolean; mismatches: string[]; registryId: string | null; claimed: { isKeyEnterprise: boolean } } | null;
}

async function recorded(externalId: string): Promise<ConsortiumView> {
  return expectEventually(async () => {
    const res = await sut.http('GET', '/consortia?origin=partner-report&limit=100', undefined, coordinator);
    const found = (res.body.items as ConsortiumView[]).find((c) => c.externalId === externalId && c.leadJudgement !== null);
    expect(found).toBeDefined();
    return found!;
  });
}

/** Our statements of the consortium a partner reported: formations carrying `restates`. */
const statementsOf = (report: PlatformEvent<'industry.consortium.formed.v1'>) => (e: PlatformEvent<'industry.consortium.formed.v1'>) =>
  e.source === 'tjc/industry-network' && e.data.restates?.eventId !== undefined && e.data.restates.consortiumId === report.data.consortiumId && e.data.restates.source === report.source;

async function register(body: Record<string, unknown>) {
  const res = await sut.http('POST', '/enterprises', { region: 'tianjin', industryChain: '新材料产业链', field: 'new-materials', ...body }, coordinator);
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

describe("a partner's consortium: the lead is judged against the key-enterprise registry at the formation date", () => {
  beforeAll(async () => {
    await register({ id: 'ent-tjcarbon', name: '天津碳纤维新材料有限公司', isKeyEnterprise: false });
    await register({ id: 'ent-feiteng', name: '飞腾信息技术有限公司', field: 'integrated-circuits', isKeyEnterprise: true, keyListedOn: '2024-01-01' });
    const zhonghuan = await register({ id: 'ent-zhonghuan', name: 'TCL中环新能源科技股份有限公司', field: 'new-energy', isKeyEnterprise: true, keyListedOn: '2024-01-01' });
    const delisted = await sut.http('POST', '/enterprises/ent-zhonghuan/key-delisting', { version: zhonghuan.version, delistedOn: '2024-05-01' }, coordinator);
    expect(delisted.status).toBe(200);
    expect(delisted.body).toMatchObject({ isKeyEnterprise: false, consortiaRejudged: 0 });
  });

  it("a claim that a non-listed Tianjin enterprise is key is recorded and flagged; our statement says it is not on the list", async () => {
    // The partner's own id for our enterprise: matched by name.
    const claim = reported('hb-cs-101', lead('hb-ent-77', '天津碳纤维新材料有限公司', true), '2024-08-08');
    await sut.events.publish(claim);
    const [stated] = await sut.events.expect('industry.consortium.formed.v1', statementsOf(claim));
    expect(stated!.data.leadEnterprise).toMatchObject({ id: 'ent-tjcarbon', region: 'tianjin', isKeyEnterprise: false });
    expect(stated!.data.restates).toEqual({ source: 'partner/hebei-center', eventId: claim.id, consortiumId: 'hb-cs-101' });
    expect(stated!.time).toBe(claim.time);
    const record = await recorded('hb-cs-101');
    expect(record.leadJudgement).toMatchObject({ flagged: true, mismatches: ['isKeyEnterprise'], registryId: 'ent-tjcarbon', claimed: { isKeyEnterprise: true } });
    expect(record.statedLead).toMatchObject({ id: 'ent-tjcarbon', isKeyEnterprise: false });
    const audit = (await sut.http('GET', `/consortia/${record.id}/audit`, undefined, coordinator)).body.items as { action: string; eventId: string }[];
    expect(audit.map((a) => [a.action, a.eventId])).toEqual([
      ['consortium.partner-reported', claim.id],
      ['consortium.lead-claim-flagged', claim.id],
    ]);
  });

  it('a lead on the list at the formation date is stated as key (not flagged); one delisted before the formation date is not', async () => {
    const listed = reported('hb-cs-102', lead('ent-feiteng', '飞腾信息技术有限公司', true), '2024-06-01');
    const delisted = reported('hb-cs-103', lead('ent-zhonghuan', 'TCL中环新能源科技股份有限公司', true), '2024-06-01');
    await sut.events.publish(listed, delisted);
    const [a] = await sut.events.expect('industry.consortium.formed.v1', statementsOf(listed));
    const [b] = await sut.events.expect('industry.consortium.formed.v1', statementsOf(delisted));
    expect(a!.data.leadEnterprise).toMatchObject({ id: 'ent-feiteng', isKeyEnterprise: true });
    expect(b!.data.leadEnterprise).toMatchObject({ id: 'ent-zhonghuan', isKeyEnterprise: false });
    expect((await recorded('hb-cs-102')).leadJudgement).toMatchObject({ flagged: false, mismatches: [] });
    expect((await recorded('hb-cs-103')).leadJudgement).toMatchObject({ flagged: true, mismatches: ['isKeyEnterprise'] });
  });

  it('a listing dated before the formation amends our statement (one statement, one amendment), visible in the listing periods', async () => {
    const claim = reported('hb-cs-104', lead('hb-ent-78', '天津碳纤维新材料有限公司', true), '2024-09-09');
    await sut.events.publish(claim);
    const [stated] = await sut.events.expect('industry.consortium.formed.v1', statementsOf(claim));
    expect(stated!.data.leadEnterprise.isKeyEnterprise).toBe(false);
    await recorded('hb-cs-104');

    const carbon = (await sut.http('GET', '/enterprises/ent-tjcarbon', undefined, coordinator)).body as { version: number };
    const listedFrom = await sut.http('POST', '/enterprises/ent-tjcarbon/key-listing', { version: carbon.version, listedOn: '2024-09-01' }, coordinator);
    expect(listedFrom.status).toBe(200);
    // hb-cs-104 (formed 2024-09-09) is now judged key; hb-cs-101 (formed 2024-08-08, before the listing) stays not key.
    expect(listedFrom.body).toMatchObject({ isKeyEnterprise: true, consortiaRejudged: 1 });
    const [amend] = await sut.events.expect('center.event.corrected.v1', (e) => e.data.target.id === stated!.id);
    expect(amend).toMatchObject({ source: 'tjc/industry-network', data: { action: 'amend', target: { source: 'tjc/industry-network', type: 'industry.consortium.formed.v1' } } });
    expect(amend!.data.replacement).toMatchObject({ consortiumId: stated!.data.consortiumId, leadEnterprise: { id: 'ent-tjcarbon', isKeyEnterprise: true }, restates: { eventId: claim.id } });
    expect((await recorded('hb-cs-104')).leadJudgement).toMatchObject({ flagged: false, mismatches: [] });
    expect((await recorded('hb-cs-101')).leadJudgement).toMatchObject({ flagged: true });

    const periods = await sut.http('GET', '/enterprises/ent-tjcarbon/key-listings', undefined, coordinator);
    expect(periods.body).toMatchObject({ isKeyEnterprise: true, items: [{ listedOn: '2024-09-01', delistedOn: null }] });
    const entAudit = (await sut.http('GET', '/enterprises/ent-tjcarbon/audit', undefined, coordinator)).body.items as { action: string }[];
    expect(entAudit.map((a) => a.action)).toContain('enterprise.key-listed');
    // A delisting on or before the listing date, and a second listing while listed, are refused naming the rule.
    const now = (await sut.http('GET', '/enterprises/ent-tjcarbon', undefined, coordinator)).body as { version: number };
    const early = await sut.http('POST', '/enterprises/ent-tjcarbon/key-delisting', { version: now.version, delistedOn: '2024-09-01' }, coordinator);
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('delistedOn');
    expect((await sut.http('POST', '/enterprises/ent-tjcarbon/key-listing', { version: now.version, listedOn: '2024-10-01' }, coordinator)).status).toBe(409);
  });

  it('a re-report amends our statement; it never publishes a second formation for the same consortium', async () => {
    const first = reported('hb-cs-105', lead('ent-feiteng', '飞腾信息技术有限公司', true), '2024-07-01');
    await sut.events.publish(first);
    const [stated] = await sut.events.expect('industry.consortium.formed.v1', statementsOf(first));
    await recorded('hb-cs-105');
    const again = reported('hb-cs-105', lead('ent-feiteng', '飞腾信息技术有限公司', true), '2024-07-01', '2024-07-02T09:00:00+08:00');
    await sut.events.publish(again);
    const [amend] = await sut.events.expect('center.event.corrected.v1', (e) => e.data.target.id === stated!.id);
    expect(amend!.data.replacement).toMatchObject({ leadEnterprise: { id: 'ent-feiteng', isKeyEnterprise: true }, restates: { eventId: again.id } });
    const statements = sut.events.all().filter((e) => e.type === 'industry.consortium.formed.v1' && e.source === 'tjc/industry-network' && (e as PlatformEvent<'industry.consortium.formed.v1'>).data.restates?.consortiumId === 'hb-cs-105');
    expect(statements).toHaveLength(1);
  });

  it('a partner consortium recorded before statements existed is judged and stated once by the boot backfill, with its report’s attribution', async () => {
    const claim = buildEvent(
      'industry.consortium.formed.v1',
      { ...reported('hb-cs-120', lead('hb-ent-90', '飞腾信息技术有限公司', true), '2024-09-09').data, attribution: { centerRole: 'joint', organiser: { name: '河北省京津冀技术创新中心', source: 'partner/hebei-center' } } },
      { source: 'partner/hebei-center', time: '2024-09-09T09:00:00+08:00' },
    );
    await sut.events.publish(claim);
    await sut.events.expect('industry.consortium.formed.v1', statementsOf(claim));
    const before = await recorded('hb-cs-120');
    // As recorded before ADR 0015: the partner's report only, no statement and no judgement.
    const prisma = sut.service.app.get(PrismaService);
    await prisma.consortium.update({ where: { id: before.id }, data: { statedEventId: null, statedLead: Prisma.DbNull, leadJudgement: Prisma.DbNull, leadRegistryId: null } });

    const backfill = sut.service.app.get(BackfillPartnerStatements);
    expect(await backfill.backfill()).toEqual({ stated: 1, unreported: 0 });
    const statements = await sut.events.expect('industry.consortium.formed.v1', statementsOf(claim), 2);
    const restated = statements.at(-1)!;
    expect(restated.data).toMatchObject({
      leadEnterprise: { id: 'ent-feiteng', isKeyEnterprise: true },
      restates: { source: 'partner/hebei-center', eventId: claim.id, consortiumId: 'hb-cs-120' },
      attribution: { centerRole: 'joint' },
    });
    expect(Date.parse(restated.time)).toBe(Date.parse(claim.time));
    const after = await prisma.consortium.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.statedEventId).toBe(restated.id);
    expect(after.leadJudgement).toMatchObject({ flagged: false, registryId: 'ent-feiteng' });
    // Idempotent: the next boot finds nothing to state.
    expect(await backfill.backfill()).toEqual({ stated: 0, unreported: 0 });
  });

  it('our own formation states the lead as listed on its formation date', async () => {
    const formed = await sut.http(
      'POST',
      '/consortia',
      { name: '新能源硅片创新联合体', topic: '大尺寸硅片低损耗切割', field: 'new-energy', leadEnterpriseId: 'ent-zhonghuan', members: [{ name: '北京大学', region: 'beijing', type: 'university' }], formedOn: '2024-03-01' },
      coordinator,
    );
    expect(formed.status).toBe(201);
    const [event] = await sut.events.expect('industry.consortium.formed.v1', (e) => e.subject === formed.body.id);
    // Delisted since 2024-05-01 (today it is not key), but on the list on 2024-03-01.
    expect(event!.data.leadEnterprise).toMatchObject({ id: 'ent-zhonghuan', isKeyEnterprise: true });
  });
});
