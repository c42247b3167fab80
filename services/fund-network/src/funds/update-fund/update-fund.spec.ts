import { UpdateFundCommand } from './update-fund.command';

describe('UpdateFundCommand', () => {
  // The bug: the message was English only, while the industry network's same rule speaks both languages.
  it('refuses a change of nothing but the version, in Chinese and English, on the body as a whole', () => {
    const result = UpdateFundCommand.safeParse({ version: 3 });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: [], code: 'custom', message: '至少修改一个字段（version 除外） / change at least one field besides version' })]);
  });

  it('accepts a change of one field', () => {
    expect(UpdateFundCommand.safeParse({ version: 3, manager: '天津科创天使投资有限公司' }).success).toBe(true);
  });
});
