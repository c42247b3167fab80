import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import type { z } from 'zod';
import { createValidationPipe } from '../http/validation';
import { BulkDiscardBody, BulkReplayBody, ListQuery } from './dead-letters.http.controller';

const pipe = createValidationPipe();
const id = '0b7c5a7e-8f0e-4c2b-9a57-3d7f1c2e4a10';

async function refusal(value: unknown, schema: z.ZodType, type: ArgumentMetadata['type'] = 'body') {
  const error = await Promise.resolve(pipe.transform(value, { type, schema } as ArgumentMetadata)).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  return ((error as BadRequestException).getResponse() as { errors: { path: string; rule: string; message: string }[] }).errors;
}

describe('dead-letter request schemas through the validation pipe', () => {
  it('accepts the list filters and a bulk call by ids or by filter', async () => {
    await expect(pipe.transform({ errorKind: 'permanent', source: 'partner/hebei-center', q: 'timeout', limit: '20' }, { type: 'query', schema: ListQuery } as ArgumentMetadata)).resolves.toMatchObject({ errorKind: 'permanent', limit: 20, offset: 0 });
    await expect(pipe.transform({ ids: [id] }, { type: 'body', schema: BulkReplayBody } as ArgumentMetadata)).resolves.toEqual({ ids: [id] });
    await expect(pipe.transform({ filter: { eventType: 'service.activity.held.v1' }, reason: '重复' }, { type: 'body', schema: BulkDiscardBody } as ArgumentMetadata)).resolves.toMatchObject({ reason: '重复' });
  });
  it('names the field and the rule', async () => {
    expect(await refusal({ errorKind: 'boom' }, ListQuery, 'query')).toEqual([expect.objectContaining({ path: 'errorKind', rule: 'invalid_value' })]);
    expect(await refusal({ ids: Array.from({ length: 501 }, () => id) }, BulkReplayBody)).toEqual([{ path: 'ids', rule: 'too_big', message: 'at most 500 ids per call' }]);
    expect(await refusal({ ids: ['p-1'] }, BulkReplayBody)).toEqual([expect.objectContaining({ path: 'ids.0', rule: 'invalid_format' })]);
    expect(await refusal({ ids: [id] }, BulkDiscardBody)).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(await refusal({ ids: [id], reason: '  ' }, BulkDiscardBody)).toEqual([{ path: 'reason', rule: 'too_small', message: 'give a reason' }]);
  });
  it('wants either ids or a filter, and no status in a bulk filter (a bulk call acts on pending ones)', async () => {
    expect(await refusal({}, BulkReplayBody)).toEqual([{ path: 'ids', rule: 'custom', message: 'give either ids or filter (not both)' }]);
    expect(await refusal({ ids: [id], filter: {} }, BulkReplayBody)).toEqual([{ path: 'ids', rule: 'custom', message: 'give either ids or filter (not both)' }]);
    expect(await refusal({ filter: { status: 'replayed' } }, BulkReplayBody)).toEqual([expect.objectContaining({ path: 'filter', rule: 'unrecognized_keys' })]);
  });
});
