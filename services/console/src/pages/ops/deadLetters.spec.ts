import { describe, expect, it } from 'vitest';
import { zh } from '../../i18n/zh';
import { bulkFilter, DEFAULT_FILTERS, ERROR_KINDS, failureReasons, listQuery, prettyJson } from './deadLetters';

describe('dead-letter filters', () => {
  it('the default (what the badge counts) asks for pending ones and nothing else', () => {
    expect(listQuery(DEFAULT_FILTERS)).toEqual({ status: 'pending', eventType: undefined, errorKind: undefined, source: undefined, q: undefined });
  });
  it('drops `all` and a blank search, trims the search', () => {
    expect(listQuery({ status: 'all', q: '   ' })).toMatchObject({ status: undefined, q: undefined });
    expect(listQuery({ status: 'replayed', source: 'partner/hebei-center', q: ' timeout ' })).toMatchObject({ status: 'replayed', source: 'partner/hebei-center', q: 'timeout' });
  });
  it('offers "everything matching" only for a list of pending ones, as the filter without status', () => {
    expect(bulkFilter({ status: 'pending', errorKind: 'permanent', q: ' x ' })).toEqual({ errorKind: 'permanent', q: 'x' });
    expect(bulkFilter(DEFAULT_FILTERS)).toEqual({});
    expect(bulkFilter({ status: 'all', errorKind: 'permanent' })).toBeUndefined();
    expect(bulkFilter({ status: 'discarded' })).toBeUndefined();
  });
  it('filters by exactly the error kinds the console labels', () => {
    expect([...ERROR_KINDS].sort()).toEqual(Object.keys(zh.ops.errorKinds).sort());
  });
});

describe('bulk result summary', () => {
  it('groups the replays that failed again by their error, most frequent first', () => {
    const items = [
      { id: '1', result: 'failed', error: 'b' },
      { id: '2', result: 'replayed', outcome: 'processed' },
      { id: '3', result: 'failed', error: 'a' },
      { id: '4', result: 'failed', error: 'a' },
      { id: '5', result: 'skipped', status: 'discarded' },
    ] as const;
    expect(failureReasons({ requested: 5, succeeded: 1, failed: 3, skipped: 1, items })).toEqual([{ error: 'a', count: 2 }, { error: 'b', count: 1 }]);
  });
});

describe('prettyJson', () => {
  it('indents JSON and keeps other text as it is', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json {')).toBe('not json {');
    expect(prettyJson(null)).toBe('—');
  });
});
