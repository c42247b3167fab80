import { dealLifecycle, DEAL_STAGES, isDealStage, type DealStage } from './deal.state-machine';

describe('deal lifecycle', () => {
  it.each<[DealStage, DealStage]>([
    ['opportunity', 'due-diligence'],
    ['due-diligence', 'investment-committee'],
    ['investment-committee', 'invested'],
    ['opportunity', 'declined'],
    ['due-diligence', 'declined'],
    ['investment-committee', 'declined'],
  ])('allows %s → %s', (from, to) => {
    expect(dealLifecycle.can(from, to)).toBe(true);
  });

  it.each<[DealStage, DealStage]>([
    ['opportunity', 'investment-committee'], // no committee without due diligence
    ['opportunity', 'invested'],
    ['due-diligence', 'invested'], // only the committee's yes makes an investment
    ['due-diligence', 'opportunity'], // no going back
    ['investment-committee', 'due-diligence'],
    ['invested', 'declined'], // final states stay final
    ['declined', 'opportunity'],
    ['declined', 'due-diligence'],
    ['invested', 'invested'],
    ['opportunity', 'opportunity'],
  ])('refuses %s → %s', (from, to) => {
    expect(dealLifecycle.can(from, to)).toBe(false);
  });

  it('lists the allowed transitions a 409 answer reports', () => {
    expect(dealLifecycle.allowed('opportunity')).toEqual(['due-diligence', 'declined']);
    expect(dealLifecycle.allowed('investment-committee')).toEqual(['invested', 'declined']);
    expect(dealLifecycle.allowed('invested')).toEqual([]);
  });

  it('has exactly invested and declined as final states', () => {
    expect(DEAL_STAGES.filter((s) => dealLifecycle.isFinal(s))).toEqual(['invested', 'declined']);
  });

  it('can decline from every non-final stage', () => {
    for (const stage of DEAL_STAGES.filter((s) => !dealLifecycle.isFinal(s))) expect(dealLifecycle.can(stage, 'declined')).toBe(true);
  });

  it('recognises stored stage strings', () => {
    expect(isDealStage('due-diligence')).toBe(true);
    expect(isDealStage('尽职调查')).toBe(false);
  });
});
