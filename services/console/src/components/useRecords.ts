import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page, type Query, type ServiceName } from '../api/client';
import { clampPage, DEFAULT_PAGE_SIZE, effectivePage, filterKeyOf, pageRequest, serverPagination, type PageState } from './serverPaging';

/**
 * A list endpoint of a service (`Page<T>`), paged on the server (#19.1): page and page size live here, the API is asked
 * for exactly that page (`limit`, `offset`), changing `query` (filters, search) starts again at page 1, and `pagination`
 * is the antd Table's controlled pagination with the API's `total`. The previous page's rows stay while the next loads.
 * `R`: a page with more than `items` and `total` (the KPI drill-down's summary). Keyed `[service, path, query, page]` (or `[...options.queryKey, query, page]`), so mutations that invalidate `[service]`
 * (or that prefix) reload it.
 */
export function useRecords<T, R extends Page<T> = Page<T>>(service: ServiceName, path: string, query: Query = {}, options: { pageSize?: number; queryKey?: readonly unknown[]; refetchInterval?: number | false } = {}) {
  const { t } = useTranslation();
  const keyPrefix = options.queryKey ?? [service, path];
  // The list's identity too (another service's dead letters, another fund's sub-funds): a different list starts at page 1.
  const filterKey = JSON.stringify([keyPrefix, filterKeyOf(query)]);
  const [stored, setStored] = useState<PageState>({ filterKey, page: 1, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE });
  const state = effectivePage(stored, filterKey);
  const request = pageRequest(state.page, state.pageSize);
  const result = useQuery({
    queryKey: [...keyPrefix, query, request],
    queryFn: () => api.get<R>(service, path, { ...query, ...request }),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval ?? false,
  });
  const total = result.data?.total;
  // Rows removed by others (or by this user's last action) can leave the current page past the end: step back to the last one.
  const clamped = result.isPlaceholderData ? state.page : clampPage(state.page, state.pageSize, total);
  useEffect(() => {
    if (clamped !== state.page) setStored({ ...state, page: clamped });
  }, [clamped, state]);
  const pagination = serverPagination(state, total, (n) => t('app.total', { count: n }), (page, pageSize) => setStored({ filterKey, page, pageSize }));
  return { ...result, pagination };
}
