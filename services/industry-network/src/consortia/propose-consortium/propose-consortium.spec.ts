import { proposalDecision } from './propose-consortium.handler';

describe('proposalDecision (揭榜成功后是否提议组建创新联合体)', () => {
  it('proposes when a Tianjin enterprise’s challenge is won by a Beijing institution', () => {
    expect(proposalDecision({ region: 'tianjin' }, { region: 'beijing' })).toEqual({ propose: true });
  });

  it.each(['hebei', 'xiongan'] as const)('proposes for a winner from %s', (region) => {
    expect(proposalDecision({ region: 'tianjin' }, { region })).toEqual({ propose: true });
  });

  it('does not propose when a Tianjin institution wins', () => {
    expect(proposalDecision({ region: 'tianjin' }, { region: 'tianjin' })).toEqual({ propose: false, reason: expect.stringContaining('北京、河北或雄安') });
  });

  it('does not propose when the challenge’s enterprise is not in Tianjin', () => {
    expect(proposalDecision({ region: 'hebei' }, { region: 'beijing' })).toEqual({ propose: false, reason: expect.stringContaining('天津') });
  });
});
