/**
 * The fund network's year (seeds/src/data/fund.ts) through its API: the
 * policy funds, their sub-funds (at the date each was set up) and the
 * grants under 先拨后投 (at their award dates; the terahertz chip's grant
 * refers to the project the research network found in May).
 */
import { FUNDS, GRANTS, SUB_FUNDS } from '../data/fund';
import type { DemoContext } from './context';
import { researchProjectId } from './play-research';
import type { Step } from './timeline';

export function fundSetup(ctx: DemoContext): Step[] {
  return [
    {
      at: '2024-01-02',
      lane: '基金',
      label: `登记基金 ${FUNDS.length} 只（${FUNDS.map((f) => f.name).join('、')}）`,
      run: async () => {
        for (const f of FUNDS) await ctx.fund.post('/funds', f);
      },
    },
  ];
}

export function fundSteps(ctx: DemoContext): Step[] {
  return [
    ...SUB_FUNDS.map(
      ({ fundId, ...body }): Step => ({
        // Sub-funds set up before 2024 are entered with the funds.
        at: body.establishedOn !== undefined && body.establishedOn >= '2024-01-02' ? body.establishedOn : '2024-01-02',
        lane: '基金',
        label: `设立子基金「${body.name}」（规模 ${body.size.amount} 元）`,
        run: async () => void (await ctx.fund.post(`/funds/${fundId}/sub-funds`, body)),
      }),
    ),
    ...GRANTS.map(
      ({ projectKey, ...body }): Step => ({
        at: body.awardedOn,
        lane: '基金',
        label: `${body.convertible ? '拨投联动资助' : '资助'} ${body.grantee.name} ${body.amount.amount} 元`,
        run: async () => void (await ctx.fund.post('/grants', { ...body, ...(projectKey !== undefined && { projectId: researchProjectId(ctx, projectKey) }) })),
      }),
    ),
  ];
}
