/** How a unique violation is recognised and named (pure; the HTTP path against PostgreSQL is unique-conflict.int-spec.ts). */
import { fieldOfColumn, isConcurrentChangeFailure, uniqueConflict, uniqueViolationOf } from './unique-conflict';

describe('uniqueViolationOf', () => {
  it('reads the index of Prisma 7’s pg adapter error, and the columns when the adapter has them', () => {
    expect(uniqueViolationOf({ code: 'P2002', meta: { modelName: 'Member', driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { index: 'member_name_key' } } } } })).toEqual({ index: 'member_name_key' });
    expect(uniqueViolationOf({ code: 'P2002', meta: { driverAdapterError: { cause: { constraint: { fields: ['fund_id', 'name'] } } } } })).toEqual({ fields: ['fund_id', 'name'] });
    expect(uniqueViolationOf({ code: 'P2002', meta: { target: ['name'] } })).toEqual({ fields: ['name'] });
  });

  it('reads the columns from a raw pg error’s detail, quoted or not', () => {
    expect(uniqueViolationOf({ code: '23505', constraint: 'sub_fund_fund_id_name_key', detail: 'Key (fund_id, name)=(f1, 天开一号) already exists.' })).toEqual({ fields: ['fund_id', 'name'] });
    expect(uniqueViolationOf({ code: '23505', constraint: 'x_key', detail: 'Key ("Name")=(a) already exists.' })).toEqual({ fields: ['Name'] });
    expect(uniqueViolationOf({ code: '23505', constraint: 'course_title_key' })).toEqual({ index: 'course_title_key' });
  });

  it('is undefined for every other error', () => {
    for (const e of [undefined, null, 'P2002', new Error('x'), { code: 'P2025' }, { code: '23503' }]) expect(uniqueViolationOf(e)).toBeUndefined();
  });
});

describe('uniqueConflict', () => {
  it('names each field in the API’s spelling with the rule unique', () => {
    const body = uniqueConflict(['fund_id', 'name']).getResponse() as { statusCode: number; errors: { path: string; rule: string }[]; message: string };
    expect(body.statusCode).toBe(409);
    expect(body.errors.map((e) => [e.path, e.rule])).toEqual([['fundId', 'unique'], ['name', 'unique']]);
    expect(body.message).toContain('fundId, name');
  });

  it('maps snake_case columns and leaves camelCase ones', () => {
    expect(fieldOfColumn('lead_enterprise_id')).toBe('leadEnterpriseId');
    expect(fieldOfColumn('eventId')).toBe('eventId');
  });
});

describe('isConcurrentChangeFailure', () => {
  it('is a serialization failure or a deadlock, from Prisma or from pg', () => {
    expect(['P2034', '40001', '40P01'].map((code) => isConcurrentChangeFailure({ code }))).toEqual([true, true, true]);
    expect([{ code: 'P2002' }, { code: '23505' }, null, 'P2034'].map(isConcurrentChangeFailure)).toEqual([false, false, false, false]);
  });
});
