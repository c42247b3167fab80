import { ConflictException } from '@nestjs/common';
import type { Enterprise } from '../../generated/prisma/client';
import type { PrismaService } from '../../prisma.service';
import { RegisterEnterpriseCommand } from './register-enterprise.command';
import { RegisterEnterpriseHandler } from './register-enterprise.handler';

const who = { actor: 'zhao.min@industry' };

function stored(overrides: Partial<Enterprise> = {}): Enterprise {
  const now = new Date('2024-05-01T00:00:00Z');
  return { id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', industryChain: '信创产业链', field: 'integrated-circuits', isKeyEnterprise: true, isChainLeader: true, version: 1, createdAt: now, updatedAt: now, ...overrides };
}

/**
 * The handler over a faked Prisma. Real: the command schema, the handler, its
 * 409s and the runtime's audit append (over faked raw SQL). Faked: the rows
 * already stored (`existing`), and optionally a transaction that loses a race
 * on the unique index (`race`).
 */
function setup(existing: Enterprise[] = [], race = false) {
  const findMany = jest.fn(async ({ where }: { where: { OR: [{ id: string }, { name: string }] } }) =>
    existing.filter((e) => e.id === where.OR[0].id || e.name === where.OR[1].name).map(({ id, name }) => ({ id, name })),
  );
  const create = jest.fn(async ({ data }: { data: Omit<Enterprise, 'version' | 'createdAt' | 'updatedAt'> }) => stored(data));
  const executeRaw = jest.fn();
  const tx = { enterprise: { findMany: race ? jest.fn().mockResolvedValue([]) : findMany, create }, $executeRawUnsafe: executeRaw, $queryRawUnsafe: jest.fn().mockResolvedValue([]) };
  const prisma = {
    enterprise: { findMany },
    $transaction: async (fn: (t: typeof tx) => Promise<unknown>) => {
      const result = await fn(tx);
      if (race) throw Object.assign(new Error('Unique constraint failed on the fields: (`name`)'), { code: 'P2002' });
      return result;
    },
  } as unknown as PrismaService;
  const auditDetail = () => JSON.parse(executeRaw.mock.calls.find((c) => String(c[0]).includes('INSERT INTO rt_audit'))?.[8] as string) as Record<string, unknown>;
  return { sut: new RegisterEnterpriseHandler(prisma), findMany, create, auditDetail };
}

const command = (body: Record<string, unknown>) => RegisterEnterpriseCommand.parse({ region: 'tianjin', industryChain: '信创产业链', field: 'integrated-circuits', ...body });

async function conflictBody(promise: Promise<unknown>): Promise<unknown> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConflictException);
  return (error as ConflictException).getResponse();
}

describe('RegisterEnterpriseHandler', () => {
  // The bug: names were stored as sent, so " 飞腾信息技术有限公司 " was a second enterprise beside "飞腾信息技术有限公司".
  it('trims the name before looking for a clash, storing it and auditing it (as the fund network does)', async () => {
    const { sut, findMany, create, auditDetail } = setup();
    const view = await sut.execute(command({ id: 'ent-feiteng', name: '  飞腾信息技术有限公司 ' }), who);
    expect(view.name).toBe('飞腾信息技术有限公司');
    expect(findMany).toHaveBeenCalledWith(expect.objectContaining({ where: { OR: [{ id: 'ent-feiteng' }, { name: '飞腾信息技术有限公司' }] } }));
    expect(create).toHaveBeenCalledWith({ data: expect.objectContaining({ id: 'ent-feiteng', name: '飞腾信息技术有限公司' }) });
    expect(auditDetail()).toMatchObject({ id: 'ent-feiteng', name: '飞腾信息技术有限公司' });
  });

  // The bug: the duplicate-name 409 did not name the field, so a form could not show it under the name.
  it('answers a duplicate (padded) name with 409 naming `name` like a 400, keeping the message and existingId', async () => {
    const { sut, create } = setup([stored()]);
    expect(await conflictBody(sut.execute(command({ name: ' 飞腾信息技术有限公司' }), who))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '企业已登记：飞腾信息技术有限公司（ent-feiteng） / enterprise already registered',
      existingId: 'ent-feiteng',
      errors: [{ path: 'name', rule: 'unique', message: '已有同名企业 / an enterprise with this name is already registered' }],
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('names `id` when the id is taken, and both fields when two enterprises hold them', async () => {
    const { sut } = setup([stored(), stored({ id: 'ent-tasly', name: '天士力医药集团股份有限公司' })]);
    const idOnly = (await conflictBody(sut.execute(command({ id: 'ent-feiteng', name: '天津飞腾新公司' }), who))) as { errors: { path: string }[] };
    expect(idOnly.errors.map((e) => e.path)).toEqual(['id']);
    const both = (await conflictBody(sut.execute(command({ id: 'ent-tasly', name: '飞腾信息技术有限公司' }), who))) as { errors: { path: string; rule: string }[] };
    expect(both.errors.map((e) => [e.path, e.rule])).toEqual([
      ['id', 'unique'],
      ['name', 'unique'],
    ]);
  });

  it('names the field also when a concurrent registration won the race on the unique index', async () => {
    const { sut } = setup([stored()], true);
    expect(await conflictBody(sut.execute(command({ name: '飞腾信息技术有限公司' }), who))).toMatchObject({
      existingId: 'ent-feiteng',
      errors: [{ path: 'name', rule: 'unique' }],
    });
  });
});
