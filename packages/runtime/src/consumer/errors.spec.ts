import { BadRequestException } from '@nestjs/common';
import { classifyFailure, isUnavailable, PermanentError } from './errors';

const withCause = (message: string, cause: unknown) => Object.assign(new Error(message), { cause });

describe('classifyFailure', () => {
  it('calls a database that cannot be reached unavailable (Prisma, PostgreSQL and socket shapes, along the cause chain)', () => {
    expect(classifyFailure(Object.assign(new Error("Can't reach database server at 127.0.0.1:23432"), { code: 'P1001' }))).toBe('unavailable');
    expect(classifyFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('unavailable');
    expect(classifyFailure(withCause('Invalid `prisma.x.create()` invocation', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).toBe('unavailable');
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(isUnavailable(withCause('a', withCause('b', { code: 'P2024' })))).toBe(true);
  });

  it('keeps other failures transient, and refusals permanent', () => {
    expect(classifyFailure(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe('transient');
    expect(classifyFailure(new Error('something broke'))).toBe('transient');
    expect(classifyFailure(new PermanentError('no such project'))).toBe('permanent');
    expect(classifyFailure(new BadRequestException('bad'))).toBe('permanent');
  });
});
