import { useQuery } from '@tanstack/react-query';
import { api, type Page, type Query, type ServiceName } from '../api/client';

/** A list endpoint of a service (`Page<T>`), keyed so that mutations can invalidate `[service]`. */
export function useRecords<T>(service: ServiceName, path: string, query: Query = {}) {
  return useQuery({ queryKey: [service, path, query], queryFn: () => api.get<Page<T>>(service, path, { limit: 100, ...query }) });
}
