import { z } from 'zod';
import { Id, IndustryField, Name, Region, Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';

export const RegisterEnterpriseCommand = z.object({
  id: Id.optional().meta({ description: '可选的稳定编号，如 ent-feiteng；省略时自动生成 / Optional stable id; generated when omitted' }),
  name: Name,
  region: Region.schema,
  industryChain: Text(100).meta({ description: '所属产业链，如“信创产业链” / Industry chain' }),
  field: IndustryField.schema,
  isKeyEnterprise: z.boolean().default(false).meta({ description: '列入天津中心重点企业名单 / On the center’s key-enterprise list' }),
  isChainLeader: z.boolean().default(false).meta({ description: '链主企业 / Chain leader' }),
  keyListedOn: PastOrToday.optional().meta({
    description: '列入重点企业名单之日，仅当 isKeyEnterprise 为 true 时可填；省略时名单期间无起始日（对任何组建日均在名单内） / Listing date, only with isKeyEnterprise: true; omitted: listed with no recorded start (for any formation date)',
  }),
}).refine((c) => c.keyListedOn === undefined || c.isKeyEnterprise, { message: '仅重点企业可填写列入日期 / only for a key enterprise (isKeyEnterprise: true)', path: ['keyListedOn'] });
export type RegisterEnterpriseCommand = z.output<typeof RegisterEnterpriseCommand>;
