import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Id, Institution, LocalDate, Money, Name, Text } from '../primitives';
import { FundType, InvestmentRound } from '../vocabulary';

const FundRef = z.object({ id: Id, name: Name, type: FundType.schema });

export const FundInvested = defineEvent({
  type: 'fund.investment.made.v1',
  version: '1.0',
  topic: 'fund',
  aggregate: 'investment',
  title: { zh: '基金完成投资', en: 'Fund invested' },
  description: 'A fund invested in a landed project or company.',
  data: z.object({
    investmentId: Id,
    fund: FundRef,
    investee: Institution,
    amount: Money,
    round: InvestmentRound.schema,
    investedOn: LocalDate,
    transferId: Id.optional(),
    projectId: Id.optional(),
    grantId: Id.optional().meta({ description: 'Set when the investment is a converted grant (拨投联动)' }),
  }),
  subjectOf: (d) => d.investmentId,
  headlineOf: (d) => `${d.fund.name} → ${d.investee.name}`,
  publishers: ['tjc/fund-network', 'partner/beijing-hq', 'partner/hebei-center'],
  confidentiality: 'public',
  examples: [
    {
      investmentId: 'inv-2024-0004',
      fund: { id: 'fund-tiankai-seed', name: '天开园创业种子基金', type: 'seed' },
      investee: { name: '天津碳谷新材料有限公司', region: 'tianjin', type: 'enterprise' },
      amount: { amount: '3000000.00', currency: 'CNY' },
      round: 'seed',
      investedOn: '2024-08-15',
      transferId: 'tr-2024-0005',
    },
  ],
  partnerExamples: [
    {
      source: 'partner/beijing-hq',
      summary: 'An HQ fund invests in a company landed in Tianjin',
      data: {
        investmentId: 'hq-inv-2024-003',
        fund: { id: 'fund-jjj-collab', name: '京津冀协同创新基金', type: 'collaborative' },
        investee: { name: '天津碳谷新材料有限公司', region: 'tianjin', type: 'enterprise' },
        amount: { amount: '5000000.00', currency: 'CNY' },
        round: 'angel',
        investedOn: '2024-09-02',
      },
    },
  ],
});

export const GrantAwarded = defineEvent({
  type: 'fund.grant.awarded.v1',
  version: '1.0',
  topic: 'fund',
  aggregate: 'grant',
  title: { zh: '拨付项目资助', en: 'Grant awarded' },
  description: 'A grant was awarded to a project ("grant first, invest later", 先拨后投), with milestones.',
  data: z.object({
    grantId: Id,
    fund: FundRef,
    grantee: Institution,
    projectId: Id.optional(),
    amount: Money,
    awardedOn: LocalDate,
    convertible: z.boolean(),
    milestones: z.array(z.object({ title: Name, due: LocalDate })).max(50),
  }),
  subjectOf: (d) => d.grantId,
  headlineOf: (d) => `${d.fund.name} → ${d.grantee.name}`,
  publishers: ['tjc/fund-network'],
  confidentiality: 'public',
  examples: [
    {
      grantId: 'gr-2024-0002',
      fund: { id: 'fund-jjj-transfer', name: '京津冀科技成果转化基金', type: 'transfer' },
      grantee: { name: '天津太赫兹科技有限公司', region: 'tianjin', type: 'enterprise' },
      projectId: 'rp-2024-0001',
      amount: { amount: '1000000.00', currency: 'CNY' },
      awardedOn: '2024-07-10',
      convertible: true,
      milestones: [{ title: '样机验证', due: '2024-12-31' }],
    },
  ],
});

export const GrantConverted = defineEvent({
  type: 'fund.grant.converted.v1',
  version: '1.0',
  topic: 'fund',
  aggregate: 'grant',
  title: { zh: '拨转投', en: 'Grant converted to investment' },
  description:
    'A convertible grant became an equity investment (拨投联动). Both views are kept: the grant stays, and the linked investment carries `grantId`.',
  data: z.object({
    grantId: Id,
    investmentId: Id,
    convertedAmount: Money,
    equityPercent: z
      .string()
      .regex(/^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/, 'must be a decimal percentage between 0 and 100 with at most 4 fraction digits'),
    convertedOn: LocalDate,
    note: Text(2000).optional(),
  }),
  subjectOf: (d) => d.grantId,
  headlineOf: () => null,
  publishers: ['tjc/fund-network'],
  confidentiality: 'public',
  examples: [
    {
      grantId: 'gr-2024-0002',
      investmentId: 'inv-2024-0009',
      convertedAmount: { amount: '1000000.00', currency: 'CNY' },
      equityPercent: '2.5',
      convertedOn: '2024-12-20',
    },
  ],
});
