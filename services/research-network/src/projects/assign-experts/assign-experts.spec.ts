import { panelProblems, sameInstitution, type PanelCandidate } from './assign-experts.handler';

const expert = (over: Partial<PanelCandidate> & Pick<PanelCandidate, 'id' | 'name'>): PanelCandidate => ({
  fields: ['integrated-circuits'],
  institutionName: '北京大学',
  conflictInstitutions: [],
  active: true,
  ...over,
});
const project = { field: 'integrated-circuits' as const, institutionName: '天津大学' };

describe('review panel rules', () => {
  it('accepts active experts of the field from other institutions', () => {
    const panel = [expert({ id: 'ex-1', name: '李华' }), expert({ id: 'ex-2', name: '张伟', institutionName: '河北工业大学' }), expert({ id: 'ex-3', name: '刘洋', institutionName: '南开大学' })];
    expect(panelProblems(project, panel)).toEqual([]);
  });

  it('refuses an expert of the project institution (conflict of interest), naming the position', () => {
    const panel = [expert({ id: 'ex-1', name: '李华' }), expert({ id: 'ex-2', name: '王明', institutionName: '天津大学' })];
    expect(panelProblems(project, panel)).toEqual([{ path: 'expertIds.1', rule: 'conflict_of_interest', message: '王明 has a conflict of interest with 天津大学' }]);
  });

  it('refuses an expert who declared a conflict with the institution', () => {
    const panel = [expert({ id: 'ex-1', name: '赵强', conflictInstitutions: ['南开大学', '天津大学'] })];
    expect(panelProblems(project, panel)).toEqual([expect.objectContaining({ path: 'expertIds.0', rule: 'conflict_of_interest' })]);
  });

  it('refuses an expert outside the project field', () => {
    const panel = [expert({ id: 'ex-1', name: '陈静', fields: ['biomedicine', 'synthetic-biology'] })];
    expect(panelProblems(project, panel)).toEqual([expect.objectContaining({ path: 'expertIds.0', rule: 'field_mismatch' })]);
  });

  it('refuses an inactive expert', () => {
    expect(panelProblems(project, [expert({ id: 'ex-1', name: '周敏', active: false })])).toEqual([expect.objectContaining({ rule: 'expert_inactive' })]);
  });

  it('reports every refused expert at once', () => {
    const panel = [expert({ id: 'ex-1', name: 'A', active: false }), expert({ id: 'ex-2', name: 'B' }), expert({ id: 'ex-3', name: 'C', fields: ['aerospace'] })];
    expect(panelProblems(project, panel).map((p) => p.path)).toEqual(['expertIds.0', 'expertIds.2']);
  });

  it('compares institution names tolerantly (white space, full-width forms)', () => {
    expect(sameInstitution(' 天津大学 ', '天津大学')).toBe(true);
    expect(sameInstitution('中国科学院（天津）', '中国科学院(天津)')).toBe(true);
    expect(sameInstitution('天津大学', '南开大学')).toBe(false);
  });
});
