import type { ConflictException } from '@nestjs/common';
import { ApplyForFundingCommand } from './apply-for-funding.command';
import { applicationAlreadyOpen, transferNotLanded } from './apply-for-funding.handler';

const money = (amount: string) => ({ amount, currency: 'CNY' as const });
const valid = { requestedAmount: money('500000.00'), purpose: '中试线设备购置', appliedOn: '2024-08-01' };

const issuesOf = (input: unknown) => {
  const result = ApplyForFundingCommand.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
};

describe('ApplyForFundingCommand 专项资金申请', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2024-08-01T02:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('accepts an application dated today (Asia/Shanghai) or earlier', () => {
    expect(issuesOf(valid)).toEqual([]);
    expect(issuesOf({ ...valid, appliedOn: '2023-12-31' })).toEqual([]);
  });

  it('refuses an application dated in the future, naming appliedOn', () => {
    expect(issuesOf({ ...valid, appliedOn: '2024-08-02' })).toEqual([{ path: 'appliedOn', code: 'custom', message: 'must not be in the future (Asia/Shanghai)' }]);
  });

  it.each(['0', '0.00'])('refuses a requested amount of %s, naming the amount (as the fund network does)', (amount) => {
    expect(issuesOf({ ...valid, requestedAmount: money(amount) })).toEqual([{ path: 'requestedAmount.amount', code: 'custom', message: 'must be greater than 0' }]);
  });

  it('accepts the smallest positive amount', () => {
    expect(issuesOf({ ...valid, requestedAmount: money('0.01') })).toEqual([]);
  });

  it('documents both rules in the OpenAPI descriptions', () => {
    const shape = ApplyForFundingCommand.shape;
    expect(shape.appliedOn.description).toMatch(/不晚于今天.*not in the future/);
    expect(shape.requestedAmount.description).toMatch(/大于 0.*greater than 0/);
  });
});

describe('the 409s of applying for funding', () => {
  const bodyOf = (error: ConflictException) => error.getResponse() as Record<string, unknown>;

  it('refuses a transfer that has not landed with its state and what it may become', () => {
    expect(bodyOf(transferNotLanded('negotiating'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '只有已落地的成果转化项目可申请专项资金（当前为「洽谈中」）',
      currentState: 'negotiating',
      allowedTransitions: ['landed', 'abandoned'],
    });
  });

  // The bug: the "already open" 409 had no allowedTransitions, so a UI could not treat both 409s of the endpoint alike.
  it('refuses a second open application with the same shape, naming the open application', () => {
    const body = bodyOf(applicationAlreadyOpen({ id: 'fa-0001', status: 'reviewed' }));
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '该项目已有进行中的专项资金申请 fa-0001（当前为「已评审」）',
      currentState: 'reviewed',
      allowedTransitions: ['granted', 'declined'],
      openApplicationId: 'fa-0001',
    });
    expect(Object.keys(body)).toEqual(expect.arrayContaining(Object.keys(bodyOf(transferNotLanded('abandoned')))));
  });
});
