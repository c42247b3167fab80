/**
 * Mass assignment: fields a caller must never set through a body — the
 * publishing `source`, a `network`, a `role`, a `state`, a `version` or an
 * `id` — are ignored (the validation schemas keep only declared fields), so a
 * coordinator cannot make a record look like a partner's or skip the pipeline.
 * Real: the running research-network service and really signed tokens.
 */
import { issueDevToken } from '@tjc/auth';
import { platformServices } from '../src/platform';

jest.setTimeout(60_000);

describe('mass assignment through request bodies', () => {
  it('ignores source, network, role, state, id and version in a submitted project', async () => {
    const research = platformServices().find((s) => s.name === 'research-network')!;
    const token = await issueDevToken(
      { issuer: process.env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: process.env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret: process.env['AUTH_DEV_SECRET']! },
      { sub: 'mass-assign', name: '测试协调员', roles: ['coordinator'], network: 'research' },
    );
    const res = await fetch(`${research.url}/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '批量赋值测试项目',
        institution: { name: '南开大学', region: 'tianjin', type: 'university' },
        field: 'new-materials',
        trl: 3,
        team: [{ name: '王测试', role: '负责人' }],
        summary: '用于验证请求体中的受保护字段被忽略。',
        // Fields the caller must not control:
        source: 'partner/beijing-hq',
        network: 'fund',
        role: 'center-admin',
        roles: ['center-admin'],
        state: 'found',
        id: 'chosen-by-caller',
        version: 99,
      }),
    });
    expect(res.status).toBe(201);
    const project = (await res.json()) as Record<string, unknown>;
    expect(project['id']).not.toBe('chosen-by-caller');
    expect(project['state']).toBe('submitted');
    expect(project['version']).toBe(1);
    expect(project['source']).toBe('tjc/research-network');
    expect(project).not.toHaveProperty('network');
    expect(project).not.toHaveProperty('role');
    expect(project).not.toHaveProperty('roles');
  });
});
