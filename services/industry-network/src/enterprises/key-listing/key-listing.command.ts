import { z } from 'zod';
import { PastOrToday } from '../../shared/business-time';
import { Version } from '../../shared/version';

export const ListKeyEnterpriseCommand = z.object({
  version: Version,
  listedOn: PastOrToday.meta({ description: '列入重点企业名单之日（北京时间） / First day on the key-enterprise list (Asia/Shanghai)' }),
});
export type ListKeyEnterpriseCommand = z.output<typeof ListKeyEnterpriseCommand>;

export const DelistKeyEnterpriseCommand = z.object({
  version: Version,
  delistedOn: PastOrToday.meta({ description: '移出重点企业名单之日（当日起不在名单内） / First day off the list' }),
});
export type DelistKeyEnterpriseCommand = z.output<typeof DelistKeyEnterpriseCommand>;
