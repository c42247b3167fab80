import { UpdateMemberBody } from '../members/update-member/update-member.command';
import { MAX_VERSION, Version } from './version';

describe('Version (optimistic concurrency)', () => {
  // The bug: `.int().min(1)` allowed up to 2^53 − 1; PATCH /members/{id} with
  // such a version reached `WHERE id AND version` on an int4 column and answered 500.
  it('refuses a version past the PostgreSQL integer range with a 400 naming the field', () => {
    const result = UpdateMemberBody.safeParse({ version: 2_415_499_982_140_622, name: '天津大学' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['version', 'too_big']]);
  });

  it('accepts every version an int4 column holds', () => {
    expect(Version.safeParse(1).success).toBe(true);
    expect(Version.safeParse(MAX_VERSION).success).toBe(true);
    expect(Version.safeParse(MAX_VERSION + 1).success).toBe(false);
    expect(Version.safeParse(0).success).toBe(false);
  });
});
