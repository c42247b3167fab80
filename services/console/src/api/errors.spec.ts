import { describe, expect, it } from 'vitest';
import { fieldErrorsOfProblem, mapFieldErrors, toFieldName, toProblem, transitionTargets } from './errors';

describe('toProblem', () => {
  it('reads 400 field errors in the platform shape', () => {
    const sut = toProblem(400, { statusCode: 400, message: 'x', errors: [{ path: 'institution.region', rule: 'invalid_value', message: 'Invalid option' }, { bad: true }] });
    expect(sut).toEqual({ kind: 'validation', status: 400, message: 'x', fieldErrors: [{ path: 'institution.region', rule: 'invalid_value', message: 'Invalid option' }] });
  });
  it('tells a state-machine 409 from a stale-version 409', () => {
    const state = toProblem(409, { message: 'cannot select', currentState: 'under-review', allowedTransitions: [{ action: 'reject', to: 'rejected', via: 'http' }] });
    expect(state).toMatchObject({ kind: 'state-conflict', currentState: 'under-review' });
    expect(toProblem(409, { message: 'stale', currentVersion: 4 })).toMatchObject({ kind: 'stale-version', currentVersion: 4 });
    expect(toProblem(409, { message: 'one review per expert' })).toMatchObject({ kind: 'conflict' });
  });
  it('classifies 401, 403, 404 and gateway errors', () => {
    expect(toProblem(403, { message: 'only coordinators of the research network' })).toEqual({ kind: 'forbidden', status: 403, message: 'only coordinators of the research network' });
    expect(toProblem(401, undefined).kind).toBe('unauthenticated');
    expect(toProblem(404, 'nope').kind).toBe('not-found');
    expect(toProblem(502, { message: '127.0.0.1:3101 is not answering' }).kind).toBe('unavailable');
  });
});

describe('mapFieldErrors', () => {
  const known = ['title', 'institution.name', 'institution.region', 'team', 'team.*.name', 'expertIds', 'budgetMin'];
  it('puts each error on its field, with all messages of a field together', () => {
    const sut = mapFieldErrors(
      [
        { path: 'institution.region', rule: 'invalid_value', message: 'Invalid option' },
        { path: 'title', rule: 'too_big', message: 'too long' },
        { path: 'title', rule: 'custom', message: 'must not be empty' },
      ],
      known,
    );
    expect(sut.fields).toEqual([
      { name: ['institution', 'region'], errors: ['Invalid option'] },
      { name: ['title'], errors: ['too long', 'must not be empty'] },
    ]);
    expect(sut.general).toEqual([]);
  });
  it('matches list items by pattern and falls back to the nearest shown ancestor', () => {
    const sut = mapFieldErrors(
      [
        { path: 'team.1.name', rule: 'too_big', message: 'too long' },
        { path: 'expertIds.2', rule: 'conflict_of_interest', message: '李明 has a conflict of interest' },
        { path: 'team.1.role', rule: 'too_big', message: 'role too long' },
      ],
      known,
    );
    expect(sut.fields).toEqual([
      { name: ['team', 1, 'name'], errors: ['too long'] },
      { name: ['expertIds'], errors: ['李明 has a conflict of interest'] },
      { name: ['team'], errors: ['role too long'] },
    ]);
  });
  it('renames API paths onto the form, longest prefix first', () => {
    const sut = mapFieldErrors([{ path: 'budget.min.amount', rule: 'invalid_format', message: 'decimal' }], known, { budget: 'nowhere', 'budget.min': 'budgetMin' });
    expect(sut.fields).toEqual([{ name: ['budgetMin'], errors: ['decimal'] }]);
  });
  it('lists errors on no shown field (or on the body) as general', () => {
    const sut = mapFieldErrors([{ path: '', rule: 'custom', message: 'change at least one field' }, { path: 'submittedAt', rule: 'x', message: 'in the future' }], known);
    expect(sut.fields).toEqual([]);
    expect(sut.general).toEqual(['change at least one field', 'submittedAt: in the future']);
  });
});

describe('helpers', () => {
  it('turns dotted paths into antd names with numeric indexes', () => expect(toFieldName('team.0.name')).toEqual(['team', 0, 'name']));
  it('reads both transition shapes', () => expect(transitionTargets(['landed', { action: 'reject', to: 'rejected' }])).toEqual(['landed', 'rejected']));
});

describe('field errors beyond 400', () => {
  it('puts a 404 on the body field whose id is unknown', () => {
    const sut = toProblem(404, { statusCode: 404, message: '企业 enterprise ent-x 不存在', path: 'leadEnterpriseId' });
    expect(sut).toEqual({ kind: 'not-found', status: 404, message: '企业 enterprise ent-x 不存在', path: 'leadEnterpriseId' });
    expect(fieldErrorsOfProblem(sut)).toEqual([{ path: 'leadEnterpriseId', rule: 'not_found', message: '企业 enterprise ent-x 不存在' }]);
  });
  it('puts a duplicate\'s 409 next to the field it names', () => {
    const sut = toProblem(409, { statusCode: 409, message: '成员已存在: 天开园', existingId: 'm-1', errors: [{ path: 'name', rule: 'unique', message: 'a member with this name is already registered' }] });
    expect(sut).toMatchObject({ kind: 'conflict', status: 409 });
    expect(fieldErrorsOfProblem(sut)).toEqual([{ path: 'name', rule: 'unique', message: 'a member with this name is already registered' }]);
    expect(fieldErrorsOfProblem(toProblem(409, { message: 'one review per expert' }))).toEqual([]);
  });
  it('keeps a 404 of the URL a plain not-found, with no field error', () => {
    const sut = toProblem(404, { message: 'grant g-1 not found' });
    expect(sut).toEqual({ kind: 'not-found', status: 404, message: 'grant g-1 not found' });
    expect(fieldErrorsOfProblem(sut)).toEqual([]);
  });
});

describe('mapFieldErrors with a fallback field', () => {
  it("sends errors on no known field to the fallback, with their path, and keeps known ones where they are", () => {
    const sut = mapFieldErrors(
      [
        { path: 'participants', rule: 'too_small', message: 'Too small' },
        { path: 'reason', rule: 'custom', message: 'must not be empty' },
      ],
      ['target.id', 'reason', 'replacement'],
      {},
      'replacement',
    );
    expect(sut.fields).toEqual([
      { name: ['replacement'], errors: ['participants: Too small'] },
      { name: ['reason'], errors: ['must not be empty'] },
    ]);
    expect(sut.general).toEqual([]);
  });
  it('lists them as general without a fallback', () => {
    expect(mapFieldErrors([{ path: 'participants', rule: 'too_small', message: 'Too small' }], ['reason']).general).toEqual(['participants: Too small']);
  });
});
