import { BadRequestException } from '@nestjs/common';
import { toDbDate } from '../../common/business-time';
import { Prisma, type FundingApplication } from '../../generated/prisma/client';
import type { PrismaService } from '../../prisma.service';
import { DeclineFundingCommand, GrantFundingCommand } from './decide-funding-application.command';
import { decidedOnRefusal, DecideFundingApplicationHandler, grantRefusals } from './decide-funding-application.handler';

const money = (amount: string) => ({ amount, currency: 'CNY' as const });

function application(overrides: Partial<FundingApplication> = {}): FundingApplication {
  const now = new Date('2024-08-10T00:00:00Z');
  return {
    id: 'fa-0001',
    transferId: 'tr-0001',
    status: 'reviewed',
    requestedAmount: new Prisma.Decimal('500000.00'),
    purpose: '中试线设备购置',
    appliedOn: toDbDate('2024-08-01'),
    reviews: null,
    reviewScore: new Prisma.Decimal('85.67'),
    grantedAmount: null,
    decidedOn: null,
    declineReason: null,
    version: 2,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/**
 * The handler over a faked transaction: real command, state machine and
 * checks; faked Prisma (the stored application), and no audit (a refusal
 * never reaches it). Records whether the update was attempted.
 */
function setup(stored: FundingApplication) {
  const updateMany = jest.fn();
  const tx = { fundingApplication: { findUnique: jest.fn().mockResolvedValue(stored), updateMany, findUniqueOrThrow: jest.fn() } };
  const prisma = { $transaction: (fn: (t: typeof tx) => Promise<unknown>) => fn(tx) } as unknown as PrismaService;
  return { sut: new DecideFundingApplicationHandler(prisma), updateMany };
}

const ctx = { actor: 'coordinator-service@service' };

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse();
}

describe('decision commands 资助决定', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2024-08-20T02:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const grant = { version: 2, grantedAmount: money('400000.00'), decidedOn: '2024-08-20' };
  const decline = { version: 2, reason: '专家评审均分未达 75 分资助线', decidedOn: '2024-08-20' };
  const pathsOf = (result: { error?: { issues: { path: PropertyKey[]; code: string }[] } }) => result.error?.issues.map((i) => [i.path.join('.'), i.code]) ?? [];

  it('accepts a decision dated today (Asia/Shanghai)', () => {
    expect(pathsOf(GrantFundingCommand.safeParse(grant))).toEqual([]);
    expect(pathsOf(DeclineFundingCommand.safeParse(decline))).toEqual([]);
  });

  it('refuses a decision dated in the future, naming decidedOn', () => {
    expect(pathsOf(GrantFundingCommand.safeParse({ ...grant, decidedOn: '2024-08-21' }))).toEqual([['decidedOn', 'custom']]);
    expect(pathsOf(DeclineFundingCommand.safeParse({ ...decline, decidedOn: '2024-08-21' }))).toEqual([['decidedOn', 'custom']]);
  });

  it('refuses a grant of 0, naming the amount', () => {
    const result = GrantFundingCommand.safeParse({ ...grant, grantedAmount: money('0.00') });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['grantedAmount', 'amount'], code: 'custom', message: 'must be greater than 0' })]);
  });

  it('documents the rules of decidedOn and grantedAmount in both languages', () => {
    for (const schema of [GrantFundingCommand, DeclineFundingCommand]) expect(schema.shape.decidedOn.description).toMatch(/不晚于今天.*不早于申请日期.*not in the future, not before the application’s appliedOn/);
    expect(GrantFundingCommand.shape.grantedAmount.description).toMatch(/须大于 0.*greater than 0/);
  });
});

describe('decidedOn against the stored application', () => {
  it.each([
    ['the day of the application', '2024-08-01'],
    ['a later day', '2024-08-20'],
  ])('accepts a decision on %s', (_, decidedOn) => {
    expect(decidedOnRefusal(application(), decidedOn)).toBeUndefined();
  });

  it('refuses a decision before the application, naming decidedOn and the application date', () => {
    expect(decidedOnRefusal(application(), '2024-07-31')).toEqual({ path: 'decidedOn', rule: 'custom', message: 'must not be before appliedOn (2024-08-01)' });
  });

  it('lists every broken rule of a grant at once', () => {
    expect(grantRefusals(application(), { grantedAmount: money('500000.01'), decidedOn: '2024-07-31' }).map((e) => [e.path, e.rule])).toEqual([
      ['grantedAmount.amount', 'too_big'],
      ['decidedOn', 'custom'],
    ]);
  });
});

describe('DecideFundingApplicationHandler', () => {
  it('answers a grant dated before the application with a 400 naming decidedOn, and changes nothing', async () => {
    const { sut, updateMany } = setup(application());
    const body = await refusal(sut.grant('fa-0001', { version: 2, grantedAmount: money('400000.00'), decidedOn: '2024-07-31' }, ctx));
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'decidedOn: must not be before appliedOn (2024-08-01)',
      errors: [{ path: 'decidedOn', rule: 'custom', message: 'must not be before appliedOn (2024-08-01)' }],
    });
    expect(updateMany).not.toHaveBeenCalled();
  });

  it('answers a decline dated before the application the same way', async () => {
    const { sut, updateMany } = setup(application());
    const body = await refusal(sut.decline('fa-0001', { version: 2, reason: '未达资助线', decidedOn: '2024-07-01' }, ctx));
    expect(body).toMatchObject({ errors: [{ path: 'decidedOn', rule: 'custom', message: 'must not be before appliedOn (2024-08-01)' }] });
    expect(updateMany).not.toHaveBeenCalled();
  });
});
