import { ConflictException } from '@nestjs/common';
import { EventPublisher } from '@tjc/runtime';
import type { Enterprise } from '../../generated/prisma/client';
import type { PrismaService } from '../../prisma.service';
import { UpdateEnterpriseCommand } from './update-enterprise.command';
import { UpdateEnterpriseHandler } from './update-enterprise.handler';

const who = { actor: 'zhao.min@industry' };

function stored(overrides: Partial<Enterprise> = {}): Enterprise {
  const now = new Date('2024-05-01T00:00:00Z');
  return { id: 'ent-tasly', name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true, isChainLeader: true, version: 1, createdAt: now, updatedAt: now, ...overrides };
}

/**
 * The handler over a faked transaction. Real: the command schema, the handler,
 * its 409s and the runtime's audit append (over faked raw SQL). Faked: the
 * stored row, and optionally an update refused by the unique index on names.
 */
function setup(nameTaken = false) {
  let row = stored();
  const updateMany = jest.fn(async ({ data }: { data: Partial<Enterprise> }) => {
    if (nameTaken) throw Object.assign(new Error('Unique constraint failed on the fields: (`name`)'), { code: 'P2002' });
    row = { ...row, ...data, version: row.version + 1 };
    return { count: 1 };
  });
  const tx = {
    enterprise: { findUnique: jest.fn(async () => row), findUniqueOrThrow: jest.fn(async () => row), updateMany },
    $executeRawUnsafe: jest.fn(),
    $queryRawUnsafe: jest.fn().mockResolvedValue([]),
  };
  const prisma = { $transaction: (fn: (t: typeof tx) => Promise<unknown>) => fn(tx) } as unknown as PrismaService;
  // No listing change in these cases: the publisher is never reached.
  return { sut: new UpdateEnterpriseHandler(prisma, new EventPublisher('tjc/industry-network')), updateMany };
}

describe('UpdateEnterpriseHandler', () => {
  it('trims a changed name before storing it (as on registration)', async () => {
    const { sut, updateMany } = setup();
    const view = await sut.execute('ent-tasly', UpdateEnterpriseCommand.parse({ version: 1, name: ' 天士力控股集团有限公司  ' }), who);
    expect(updateMany).toHaveBeenCalledWith({ where: { id: 'ent-tasly', version: 1 }, data: expect.objectContaining({ name: '天士力控股集团有限公司' }) });
    expect(view.name).toBe('天士力控股集团有限公司');
  });

  it('answers a name another enterprise holds with 409 naming `name` like a 400, keeping the message', async () => {
    const { sut } = setup(true);
    const error: unknown = await sut.execute('ent-tasly', UpdateEnterpriseCommand.parse({ version: 1, name: '飞腾信息技术有限公司 ' }), who).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).getResponse()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '企业名称已被使用：飞腾信息技术有限公司 / name already in use',
      errors: [{ path: 'name', rule: 'unique', message: '已有同名企业 / an enterprise with this name is already registered' }],
    });
  });
});
