import { ExpectedVersion, MAX_VERSION } from './concurrency';

describe('ExpectedVersion (optimistic concurrency)', () => {
  // zod's `.int()` alone documented (and accepted) versions up to 2^53 − 1 that the int4 column cannot hold.
  it('documents and accepts exactly the versions an int4 column holds', () => {
    expect(ExpectedVersion.safeParse(MAX_VERSION).success).toBe(true);
    expect(ExpectedVersion.safeParse(MAX_VERSION + 1).error?.issues.map((i) => i.code)).toEqual(['too_big']);
    expect(ExpectedVersion.safeParse(0).success).toBe(false);
    expect(ExpectedVersion.maxValue).toBe(2 ** 31 - 1);
  });
});
