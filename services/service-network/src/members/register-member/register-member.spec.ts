import { ConflictException } from '@nestjs/common';
import type { PrismaService } from '../../prisma.service';
import { RegisterMemberHandler } from './register-member.handler';

/** The handler over a faked transaction: a member of that name is already stored. Real: the handler and its 409. */
function setup() {
  const create = jest.fn();
  const tx = { member: { findUnique: jest.fn().mockResolvedValue({ id: 'mem-0001', name: '天开高教科创园' }), create } };
  const prisma = { $transaction: (fn: (t: typeof tx) => Promise<unknown>) => fn(tx) } as unknown as PrismaService;
  return { sut: new RegisterMemberHandler(prisma), create };
}

describe('RegisterMemberHandler', () => {
  // The bug: the duplicate-name 409 did not say which field was the problem, so a form could not show it under the name.
  it('answers a duplicate name with 409 naming the field the way 400s do, keeping the existing id', async () => {
    const { sut, create } = setup();
    const error: unknown = await sut.execute({ name: '天开高教科创园', kind: 'park', region: 'tianjin' }, { actor: 'coordinator-service@service' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).getResponse()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '成员已存在: 天开高教科创园',
      existingId: 'mem-0001',
      errors: [{ path: 'name', rule: 'unique', message: 'a member with this name is already registered' }],
    });
    expect(create).not.toHaveBeenCalled();
  });
});
