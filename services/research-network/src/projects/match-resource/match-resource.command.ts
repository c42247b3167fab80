import { z } from 'zod';
import { LocalDate, Name, Region, Text } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';

/** The three kinds of resources the plan matches found projects with. */
export const RESOURCE_KINDS = ['concept-verification', 'pilot-platform', 'application-scenario'] as const;
export const ResourceKind = z.enum(RESOURCE_KINDS).meta({
  description: 'concept-verification: 概念验证; pilot-platform: 中试平台; application-scenario: 应用场景',
});
export type ResourceKind = z.infer<typeof ResourceKind>;

export const MatchResourceBody = z
  .object({
    kind: ResourceKind,
    name: Name.meta({ description: '资源名称，如"天开园概念验证中心" / Name of the resource' }),
    provider: z.object({ name: Name, region: Region.schema.optional() }),
    note: Text(2000).optional(),
    matchedOn: LocalDate.optional().meta({ description: '对接日期（默认今天，北京时间） / Date matched; defaults to today in Asia/Shanghai' }),
  })
  .meta({ title: 'MatchResource' });
export type MatchResourceCommand = z.output<typeof MatchResourceBody>;

export const ListResourceMatchesQuery = PageQuery.extend({
  kind: ResourceKind.optional(),
  sort: sortParam(['matchedOn', 'createdAt', 'kind'], '-matchedOn'),
}).meta({ title: 'ListResourceMatchesQuery' });
export type ListResourceMatchesQuery = z.output<typeof ListResourceMatchesQuery>;
