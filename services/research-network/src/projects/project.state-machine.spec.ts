import { allowedTransitions, decide, PROJECT_ACTIONS, PROJECT_STATES, rejectionStageOf, TRANSITIONS, type PanelFacts, type ProjectAction, type ProjectState } from './project.state-machine';

const panel = (assignedExperts: number, reviewsIn: number, screeningPassed: boolean | null = null): PanelFacts => ({ assignedExperts, reviewsIn, screeningPassed });
const complete = panel(3, 3, true);

describe('project state machine', () => {
  describe('allowed transitions', () => {
    it.each<[ProjectState, ProjectAction, PanelFacts, ProjectState]>([
      ['submitted', 'assign-experts', panel(0, 0), 'under-review'],
      ['under-review', 'record-review', panel(3, 0), 'under-review'],
      ['under-review', 'record-review', panel(3, 2), 'under-review'],
      ['under-review', 'start-demonstration', complete, 'in-demonstration'],
      ['under-review', 'start-demonstration', panel(4, 4, true), 'in-demonstration'],
      ['under-review', 'reject', panel(3, 3, false), 'rejected'],
      ['under-review', 'reject', panel(3, 1), 'rejected'],
      ['in-demonstration', 'select', complete, 'found'],
      ['in-demonstration', 'reject', complete, 'rejected'],
      ['found', 'start-joint-research', complete, 'in-joint-research'],
    ])('%s --%s--> %s', (from, action, facts, to) => {
      expect(decide(from, action, facts)).toEqual({ ok: true, from, to });
    });

    it('covers every row of the table', () => {
      // Each table row must be exercised above; this guards against a row added without a test.
      expect(TRANSITIONS.map((t) => `${t.from}:${t.action}`).sort()).toEqual(
        [
          'submitted:assign-experts',
          'under-review:record-review',
          'under-review:start-demonstration',
          'under-review:reject',
          'in-demonstration:select',
          'in-demonstration:reject',
          'found:start-joint-research',
        ].sort(),
      );
    });
  });

  describe('refused transitions (409 bodies)', () => {
    it.each<[ProjectState, ProjectAction]>([
      ['submitted', 'select'],
      ['submitted', 'start-demonstration'],
      ['submitted', 'reject'],
      ['submitted', 'record-review'],
      ['under-review', 'assign-experts'],
      ['under-review', 'select'],
      ['in-demonstration', 'assign-experts'],
      ['in-demonstration', 'record-review'],
      ['found', 'reject'],
      ['found', 'select'],
      ['in-joint-research', 'start-joint-research'],
      ['rejected', 'select'],
      ['rejected', 'assign-experts'],
    ])('%s refuses %s', (state, action) => {
      const decision = decide(state, action, complete);
      expect(decision.ok).toBe(false);
      if (decision.ok) return;
      expect(decision.currentState).toBe(state);
      expect(decision.message).toContain(`cannot ${action} a project in state ${state}`);
      expect(decision.allowedTransitions).toEqual(allowedTransitions(state, complete));
    });

    it('names what is possible instead', () => {
      const decision = decide('submitted', 'select');
      expect(decision).toMatchObject({ ok: false, currentState: 'submitted', allowedTransitions: [{ action: 'assign-experts', to: 'under-review', via: 'http' }] });
    });

    it('has no way out of rejected or in-joint-research', () => {
      for (const action of PROJECT_ACTIONS) {
        expect(decide('rejected', action, complete).ok).toBe(false);
        expect(decide('in-joint-research', action, complete).ok).toBe(false);
      }
      expect(allowedTransitions('rejected', complete)).toEqual([]);
    });
  });

  describe('guards on the review panel', () => {
    it('refuses demonstration while reviews are outstanding, and says how many', () => {
      const decision = decide('under-review', 'start-demonstration', panel(3, 2));
      expect(decision).toMatchObject({ ok: false, currentState: 'under-review', message: expect.stringContaining('1 of 3 reviews are still outstanding') });
      if (decision.ok) return;
      // Only the actions whose guards pass are offered.
      expect(decision.allowedTransitions.map((t) => t.action)).toEqual(['record-review', 'reject']);
    });

    it('refuses demonstration with fewer than three experts even when all reviewed', () => {
      expect(decide('under-review', 'start-demonstration', panel(2, 2, true))).toMatchObject({ ok: false, message: expect.stringContaining('at least 3 experts') });
    });

    it('refuses demonstration of a project that failed screening', () => {
      expect(decide('under-review', 'start-demonstration', panel(3, 3, false))).toMatchObject({ ok: false, message: expect.stringContaining('did not pass') });
    });

    it('refuses another review once every expert has reviewed', () => {
      const decision = decide('under-review', 'record-review', complete);
      expect(decision).toMatchObject({ ok: false, message: expect.stringContaining('already reviewed') });
      if (decision.ok) return;
      expect(decision.allowedTransitions.map((t) => t.action)).toEqual(['start-demonstration', 'reject']);
    });
  });

  it('derives the rejection stage from the state left', () => {
    expect(rejectionStageOf('under-review')).toBe('screening');
    expect(rejectionStageOf('in-demonstration')).toBe('demonstration');
    expect(rejectionStageOf('found')).toBeUndefined();
  });

  it('only reaches known states', () => {
    for (const t of TRANSITIONS) {
      expect(PROJECT_STATES).toContain(t.from);
      expect(PROJECT_STATES).toContain(t.to);
    }
  });
});
