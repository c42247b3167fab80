/**
 * Fund network (基金网络) demo data: the policy funds the 2024 construction
 * plan names (section 4 "基金网络" and 一(四)三 "打造科技创新基金群"), their
 * sub-funds (social capital they attract), and grants under 先拨后投.
 *
 * Plain request bodies for the fund-network service's public API
 * (POST /funds, POST /funds/:id/sub-funds, POST /grants). Sizes are plausible
 * demo figures, not published numbers. Money is a decimal string, never a float.
 */
import type { FundType, Institution, Money } from '@tjc/contracts';

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

/** Body of POST /funds. `establishedOn` absent = still planned (筹建中). */
export interface FundSeed {
  readonly id: string;
  readonly name: string;
  readonly type: FundType;
  readonly manager: string;
  readonly size: Money;
  readonly establishedOn?: string;
  readonly description?: string;
}

/** Body of POST /funds/:fundId/sub-funds, with the fund it belongs to. */
export interface SubFundSeed {
  readonly fundId: string;
  readonly name: string;
  readonly manager: string;
  readonly size: Money;
  readonly ownContribution: Money;
  readonly establishedOn?: string;
}

/**
 * Body of POST /grants. `projectKey` names a project of the research seeds
 * (research.ts); the research API generates project ids, so the demo sends
 * the id it got back as `projectId`.
 */
export interface GrantSeed {
  readonly fundId: string;
  readonly grantee: Institution;
  readonly projectKey?: string;
  readonly amount: Money;
  readonly awardedOn: string;
  readonly convertible: boolean;
  readonly milestones: readonly { readonly title: string; readonly due: string }[];
}

export const FUNDS: readonly FundSeed[] = [
  {
    id: 'fund-tiankai-seed',
    name: '天开园创业种子基金',
    type: 'seed',
    manager: '天津天开发展集团有限公司',
    size: cny('500000000.00'),
    establishedOn: '2023-06-30',
    description: '投早投小，支持天开高教科创园落地的科技成果转化项目。',
  },
  {
    id: 'fund-jjj-transfer',
    name: '京津冀科技成果转化基金',
    type: 'transfer',
    manager: '京津冀（天津）科技成果转化基金管理有限公司',
    size: cny('1000000000.00'),
    establishedOn: '2022-12-01',
    description: '推动北京、河北科技成果在津转化和产业化。',
  },
  {
    id: 'fund-tianjin-angel-parent',
    name: '天津市天使母基金',
    type: 'angel',
    manager: '天津市天使投资引导基金管理有限公司',
    size: cny('5000000000.00'),
    establishedOn: '2022-09-01',
    description: '政府引导基金，通过子基金撬动社会资本投早、投小、投长期、投硬科技。',
  },
  {
    id: 'fund-jjj-collaborative',
    name: '京津冀协同创新基金',
    type: 'collaborative',
    manager: '京津冀国家技术创新中心（本部）牵头',
    size: cny('3000000000.00'),
    description: '筹建中：与京津冀中心本部、河北中心及社会金融机构共同组建。',
  },
];

export const SUB_FUNDS: readonly SubFundSeed[] = [
  { fundId: 'fund-tiankai-seed', name: '天开园硬科技早期子基金', manager: '天津海河创新投资管理有限公司', size: cny('200000000.00'), ownContribution: cny('40000000.00'), establishedOn: '2023-11-15' },
  { fundId: 'fund-jjj-transfer', name: '京津冀新材料成果转化子基金', manager: '河北工业大学科技园投资有限公司', size: cny('300000000.00'), ownContribution: cny('60000000.00'), establishedOn: '2024-03-20' },
  { fundId: 'fund-tianjin-angel-parent', name: '天津生物医药天使子基金', manager: '天津滨海生物医药创投管理有限公司', size: cny('500000000.00'), ownContribution: cny('100000000.00'), establishedOn: '2023-05-10' },
  { fundId: 'fund-tianjin-angel-parent', name: '信创产业天使子基金', manager: '天津信创产业投资管理有限公司', size: cny('250000000.00'), ownContribution: cny('75000000.00'), establishedOn: '2024-01-18' },
];

export const GRANTS: readonly GrantSeed[] = [
  {
    fundId: 'fund-jjj-transfer',
    grantee: { name: '天津太赫兹科技有限公司', region: 'tianjin', type: 'enterprise' },
    projectKey: 'thz-chip',
    amount: cny('1000000.00'),
    awardedOn: '2024-07-10',
    convertible: true,
    milestones: [
      { title: '样机验证', due: '2024-10-31' },
      { title: '中试线投产', due: '2024-12-31' },
    ],
  },
  {
    fundId: 'fund-tiankai-seed',
    grantee: { name: '南开大学', region: 'tianjin', type: 'university' },
    amount: cny('300000.00'),
    awardedOn: '2024-03-01',
    convertible: false,
    milestones: [{ title: '概念验证完成', due: '2024-09-30' }],
  },
];
