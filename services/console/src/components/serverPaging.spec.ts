import { describe, expect, it } from 'vitest';
import { clampPage, effectivePage, filterKeyOf, MAX_PAGE_SIZE, pageRequest, serverPagination } from './serverPaging';

describe('pageRequest', () => {
  it('asks the API for exactly the page shown', () => {
    expect(pageRequest(1, 20)).toEqual({ limit: 20, offset: 0 });
    expect(pageRequest(6, 20)).toEqual({ limit: 20, offset: 100 });
    expect(pageRequest(3, 50)).toEqual({ limit: 50, offset: 100 });
  });
  it('stays inside the API bounds (limit 1–200, offset ≥ 0)', () => {
    expect(pageRequest(2, 500)).toEqual({ limit: MAX_PAGE_SIZE, offset: MAX_PAGE_SIZE });
    expect(pageRequest(0, 20)).toEqual({ limit: 20, offset: 0 });
    expect(pageRequest(1, 0)).toEqual({ limit: 1, offset: 0 });
  });
});

describe('effectivePage', () => {
  it('keeps the page while the filters are the same', () => {
    const state = { filterKey: filterKeyOf({ q: '天开' }), page: 4, pageSize: 50 };
    expect(effectivePage(state, filterKeyOf({ q: '天开' }))).toBe(state);
  });
  it('starts again at page 1 (same page size) when a filter or the search changes', () => {
    const state = { filterKey: filterKeyOf({ q: '天开' }), page: 4, pageSize: 50 };
    expect(effectivePage(state, filterKeyOf({ q: '天开园' }))).toEqual({ filterKey: filterKeyOf({ q: '天开园' }), page: 1, pageSize: 50 });
    expect(effectivePage(state, filterKeyOf({ q: '天开', kind: 'university' })).page).toBe(1);
  });
});

describe('filterKeyOf', () => {
  it('ignores key order and values that are not sent', () => {
    expect(filterKeyOf({ q: 'a', sort: '-createdAt' })).toBe(filterKeyOf({ sort: '-createdAt', q: 'a', status: undefined, kind: null, region: '' }));
    expect(filterKeyOf({ q: 'a' })).not.toBe(filterKeyOf({ q: 'b' }));
  });
});

describe('clampPage', () => {
  it('steps back to the last page that exists when rows went away', () => {
    expect(clampPage(6, 20, 100)).toBe(5);
    expect(clampPage(6, 20, 101)).toBe(6);
    expect(clampPage(3, 20, 0)).toBe(1);
    expect(clampPage(3, 20, undefined)).toBe(3);
  });
});

describe('serverPagination', () => {
  const showTotal = (n: number) => `共 ${n} 条`;
  it("passes the API's total to the table, not the number of rows fetched", () => {
    const p = serverPagination({ page: 2, pageSize: 20 }, 122, showTotal, () => undefined);
    expect(p).toMatchObject({ current: 2, pageSize: 20, total: 122 });
    expect(p.showTotal(p.total)).toBe('共 122 条');
  });
  it('reports page changes, and goes to page 1 when the page size changes', () => {
    const calls: [number, number][] = [];
    const p = serverPagination({ page: 3, pageSize: 20 }, 211, showTotal, (page, size) => calls.push([page, size]));
    p.onChange(11, 20);
    p.onChange(3, 50);
    expect(calls).toEqual([[11, 20], [1, 50]]);
  });
  it('shows 0 until the first page has answered', () => {
    expect(serverPagination({ page: 1, pageSize: 20 }, undefined, showTotal, () => undefined).total).toBe(0);
  });
});
