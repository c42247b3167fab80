import { MAX_VERSION, ResolveQuarantineBody } from './resolve-quarantine.command';

describe('ResolveQuarantineBody', () => {
  // The version reaches `WHERE version = …` on an int4 column: past its range
  // PostgreSQL fails the query (a 500), so the schema refuses it (a 400).
  it('refuses a version past the PostgreSQL integer range, naming the field', () => {
    const result = ResolveQuarantineBody.safeParse({ note: '伙伴已修正并重发', version: MAX_VERSION + 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['version', 'too_big']]);
  });

  it('accepts the largest integer the column holds, and no version at all', () => {
    expect(ResolveQuarantineBody.safeParse({ note: '测试数据，已丢弃', version: MAX_VERSION }).success).toBe(true);
    expect(ResolveQuarantineBody.safeParse({ note: '测试数据，已丢弃' }).success).toBe(true);
  });
});
