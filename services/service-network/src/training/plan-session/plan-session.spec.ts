import { z } from 'zod';
import { PlanSessionCommand } from './plan-session.command';

const session = { courseId: 'course-1', title: '技术经理人初级培训（京津冀联合班）', startsOn: '2024-05-06', endsOn: '2024-05-10', place: '天津市科技成果转化中心' };

describe('PlanSessionCommand', () => {
  // The rule "a joint class is not with Tianjin itself" was a refinement the
  // OpenAPI document did not show, so schema-valid input was refused with 400.
  it('documents the partner regions a joint class may have, without Tianjin', () => {
    const documented = z.toJSONSchema(PlanSessionCommand, { io: 'input' }) as { properties: Record<string, { enum?: string[] }> };
    expect(documented.properties['partnerRegion']?.enum).toEqual(expect.arrayContaining(['beijing', 'hebei', 'xiongan']));
    expect(documented.properties['partnerRegion']?.enum).not.toContain('tianjin');
  });

  it('refuses Tianjin as the partner region, naming the field', () => {
    const result = PlanSessionCommand.safeParse({ ...session, partnerRegion: 'tianjin' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['partnerRegion']);
    expect(PlanSessionCommand.safeParse({ ...session, partnerRegion: 'hebei' }).success).toBe(true);
  });

  it('refuses a session that ends before it starts, naming endsOn', () => {
    const result = PlanSessionCommand.safeParse({ ...session, endsOn: '2024-05-01' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['endsOn', 'must not be before startsOn']]);
  });
});
