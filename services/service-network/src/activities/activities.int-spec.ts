/**
 * 活动 and 成员 through the real service, plus the OpenAPI document of the
 * whole API (grouped here so the suite starts the service once per file).
 * Real: PostgreSQL, Kafka, the Nest app, signed JWTs. Faked: nothing.
 */
import path from 'node:path';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { CONSUMER } from '../consumer';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ roles: ['center-admin'], name: '中心管理员' });
});
afterAll(() => sut.stop());

const roadshow = {
  type: 'financing-roadshow',
  title: '京津冀科技成果融资路演（天开园专场）',
  plannedOn: '2024-05-18',
  place: '天开高教科创园',
  organisers: ['天津中心', '天开园创业种子基金'],
  partnerRegions: ['beijing', 'hebei'],
};

describe('activities', () => {
  it('plans and holds a roadshow, emitting "activity held" at the day it was held; held and cancelled are final', async () => {
    const planned = await sut.http('POST', '/activities', roadshow, coordinator);
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ status: 'planned', typeLabel: '融资路演', version: 1, allowedTransitions: ['held', 'cancelled'] });
    const id = planned.body.id as string;

    const stale = await sut.http('POST', `/activities/${id}/hold`, { version: 2, heldOn: '2024-05-20', participants: 120, pairsMatched: 9 }, coordinator);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 1 });

    const held = await sut.http('POST', `/activities/${id}/hold`, { version: 1, heldOn: '2024-05-20', participants: 120, pairsMatched: 9 }, coordinator);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', heldOn: '2024-05-20', participants: 120, pairsMatched: 9, version: 2 });

    const [event] = await sut.events.expect('service.activity.held.v1', (e) => e.subject === id);
    expect(event!.time).toBe('2024-05-20T12:00:00+08:00');
    expect(event!.data).toEqual({
      activityId: id,
      type: 'financing-roadshow',
      title: '京津冀科技成果融资路演（天开园专场）',
      heldOn: '2024-05-20',
      place: '天开高教科创园',
      organisers: ['天津中心', '天开园创业种子基金'],
      participants: 120,
      pairsMatched: 9,
      partnerRegions: ['beijing', 'hebei'],
      // Stamped: the activity is the center's own (#18.17).
      attribution: { centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/service-network' } },
    });

    const heldAgain = await sut.http('POST', `/activities/${id}/hold`, { version: 2, heldOn: '2024-05-21', participants: 1, pairsMatched: 0 }, coordinator);
    expect(heldAgain.status).toBe(409);
    expect(heldAgain.body).toMatchObject({ currentState: 'held', allowedTransitions: [] });

    const matching = await sut.http('POST', '/activities', { type: 'supply-demand-matching', title: '新材料产业供需对接会', plannedOn: '2024-06-12', place: '天津滨海—中关村科技园', organisers: ['天津中心'] }, coordinator);
    const cancelled = await sut.http('POST', `/activities/${matching.body.id}/cancel`, { version: 1, reason: '场地冲突，改期另行通知' }, coordinator);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '场地冲突，改期另行通知' });
    const holdCancelled = await sut.http('POST', `/activities/${matching.body.id}/hold`, { version: 2, heldOn: '2024-06-12', participants: 50, pairsMatched: 3 }, coordinator);
    expect(holdCancelled.status).toBe(409);
    expect(holdCancelled.body).toMatchObject({ currentState: 'cancelled' });

    // An exact instant late in the evening still belongs to its Shanghai day.
    const exchange = await sut.http('POST', '/activities', { type: 'academic-exchange', title: '京津冀技术转移学术交流会', plannedOn: '2024-12-31', place: '武清京津产业新城', organisers: ['天津中心', '河北中心'] }, coordinator);
    await sut.http('POST', `/activities/${exchange.body.id}/hold`, { version: 1, heldOn: '2024-12-31', heldAt: '2024-12-31T19:30:00+08:00', participants: 60, pairsMatched: 0, place: '宝坻京津中关村科技城' }, coordinator);
    const [late] = await sut.events.expect('service.activity.held.v1', (e) => e.subject === exchange.body.id);
    expect(late!.time).toBe('2024-12-31T19:30:00+08:00');
    expect(late!.data).toMatchObject({ place: '宝坻京津中关村科技城' });
    expect(late!.data).not.toHaveProperty('partnerRegions');

    const list = await sut.http('GET', '/activities?status=held&sort=-participants', undefined, coordinator);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([id, exchange.body.id]);
    const hebei = await sut.http('GET', '/activities?partnerRegion=hebei', undefined, coordinator);
    expect(hebei.body).toMatchObject({ total: 1 });
    expect((await sut.http('GET', '/activities?type=supply-demand-matching&limit=1', undefined, coordinator)).body).toMatchObject({ total: 1, limit: 1 });
    const audit = await sut.http('GET', `/activities/${id}/audit`, undefined, coordinator);
    expect(audit.body.items.map((r: { action: string; eventId: string | null }) => [r.action, r.eventId])).toEqual([
      ['activity.planned', null],
      ['activity.held', event!.id],
    ]);
  });

  it('answers 400 with paths and rules, 404 for unknown ids, and 403 to another network', async () => {
    const bad = await sut.http('POST', '/activities', { ...roadshow, organisers: [], plannedOn: '2024-13-01' }, coordinator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`).sort()).toEqual(['organisers:too_small', 'plannedOn:invalid_format']);
    const created = await sut.http('POST', '/activities', roadshow, coordinator);
    const negative = await sut.http('POST', `/activities/${created.body.id}/hold`, { version: 1, heldOn: '2024-05-20', participants: -1, pairsMatched: 1.5 }, coordinator);
    expect(negative.body.errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`).sort()).toEqual(['pairsMatched:invalid_type', 'participants:too_small']);

    expect((await sut.http('GET', '/activities/no-such-activity', undefined, coordinator)).status).toBe(404);
    expect((await sut.http('POST', '/activities/no-such-activity/cancel', { version: 1, reason: '取消' }, coordinator)).status).toBe(404);

    const fund = await sut.token({ roles: ['coordinator'], network: 'fund' });
    expect((await sut.http('POST', `/activities/${created.body.id}/cancel`, { version: 1, reason: '越权' }, fund)).status).toBe(403);
    expect((await sut.http('POST', '/activities', roadshow, fund)).status).toBe(403);
    expect((await sut.http('GET', '/activities', undefined)).status).toBe(401);
  });

  it('registers the network’s members once by name and lists them by kind', async () => {
    for (const body of [
      { name: '天开高教科创园', kind: 'park', region: 'tianjin' },
      { name: '天津滨海—中关村科技园', kind: 'park', region: 'tianjin' },
      { name: '国家技术转移人才培养基地（天津）', kind: 'training-base', region: 'tianjin' },
      { name: '中关村技术转移服务中心', kind: 'transfer-agency', region: 'beijing', note: '北京合作机构' },
    ]) {
      expect((await sut.http('POST', '/members', body, coordinator)).status).toBe(201);
    }
    const dup = await sut.http('POST', '/members', { name: '天开高教科创园', kind: 'park', region: 'tianjin' }, coordinator);
    expect(dup.status).toBe(409);
    // Named like a 400's field, so a form shows it under the name.
    expect(dup.body).toMatchObject({ existingId: expect.any(String), errors: [{ path: 'name', rule: 'unique', message: 'a member with this name is already registered' }] });
    const parks = await sut.http('GET', '/members?kind=park&sort=-name', undefined, coordinator);
    expect(parks.body.total).toBe(2);
    expect(parks.body.items.every((m: { kind: string; kindLabel: string }) => m.kind === 'park' && m.kindLabel === '承接园区')).toBe(true);
    const beijing = await sut.http('GET', '/members?region=beijing', undefined, coordinator);
    expect(beijing.body.items).toEqual([expect.objectContaining({ name: '中关村技术转移服务中心', kind: 'transfer-agency', note: '北京合作机构', version: 1 })]);
    const audit = await sut.http('GET', `/members/${beijing.body.items[0].id}/audit`, undefined, coordinator);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'member.registered', actor: 'center-admin-center' })]);
    const bad = await sut.http('POST', '/members', { name: '某园区', kind: 'incubator', region: 'tianjin' }, coordinator);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'kind', rule: 'invalid_value' })]);
    expect((await sut.http('GET', '/members/no-such-member', undefined, coordinator)).status).toBe(404);
    const industry = await sut.token({ roles: ['coordinator'], network: 'industry' });
    expect((await sut.http('POST', '/members', { name: '武清京津产业新城', kind: 'park', region: 'tianjin' }, industry)).status).toBe(403);
  });

  it('registers a name once when two registrations race, and trims it: the loser gets the 409 naming `name`', async () => {
    const coordinator = await sut.token({ roles: ['coordinator'], network: 'service' });
    const answers = await Promise.all(
      [' 滨海新区科技园', '滨海新区科技园 ', '滨海新区科技园'].map((name) => sut.http('POST', '/members', { name, kind: 'park', region: 'tianjin' }, coordinator)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const created = answers.find((a) => a.status === 201)!;
    expect(created.body.name).toBe('滨海新区科技园');
    for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body).toMatchObject({ existingId: created.body.id, errors: [{ path: 'name', rule: 'unique' }] });
  });

  it('documents every route in OpenAPI at /docs/json, with request schemas from zod', async () => {
    const res = await sut.http('GET', '/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/transfers',
        '/transfer-candidates',
        '/transfers/{id}',
        '/transfers/{id}/match',
        '/transfers/{id}/negotiate',
        '/transfers/{id}/land',
        '/transfers/{id}/abandon',
        '/transfers/{id}/audit',
        '/transfers/{id}/funding-applications',
        '/funding-applications',
        '/funding-applications/{id}/review',
        '/funding-applications/{id}/grant',
        '/funding-applications/{id}/decline',
        '/courses',
        '/training-sessions',
        '/training-sessions/{id}/start',
        '/training-sessions/{id}/complete',
        '/training-sessions/{id}/enrolments',
        '/training-sessions/{id}/enrolments/{enrolmentId}/withdraw',
        '/training-sessions/{id}/completions',
        '/training-person-times',
        '/activities',
        '/activities/{id}/hold',
        '/activities/{id}/cancel',
        '/activities/{id}/audit',
        '/members',
        '/members/{id}',
      ]),
    );
    const land = JSON.stringify(res.body.paths['/transfers/{id}/land'].post);
    expect(land).toContain('contractAmount');
    expect(land).toContain('use-first-pay-later');
    const list = JSON.stringify(res.body.paths['/transfers'].get.parameters);
    expect(list).toContain('originRegion');
    // The funding rules the schema cannot express are said in the fields' descriptions.
    for (const route of ['/transfers/{id}/funding-applications', '/funding-applications/{id}/grant', '/funding-applications/{id}/decline']) {
      expect(JSON.stringify(res.body.paths[route].post)).toContain('not in the future');
    }
    expect(JSON.stringify(res.body.paths['/funding-applications/{id}/decline'].post)).toContain('not before the application’s appliedOn');
    expect(JSON.stringify(res.body.paths['/funding-applications/{id}/grant'].post)).toContain('greater than 0');
  });
});
