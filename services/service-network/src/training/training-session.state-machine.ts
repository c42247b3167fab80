import { defineStateMachine } from '../common/state-machine';

/**
 * A training session (班次): planned, running, finished. Enrolment is open
 * while planned or in progress (late joiners are common in multi-week
 * classes); completions are recorded once it runs and may still be recorded
 * after it is closed, because certificates (make-up exams) trail the class.
 */
export const TrainingSessionStateMachine = defineStateMachine({
  label: '培训班次',
  states: { planned: '计划中', 'in-progress': '进行中', completed: '已结业' },
  transitions: {
    planned: ['in-progress'],
    'in-progress': ['completed'],
    completed: [],
  },
});

export type TrainingSessionStatus = keyof typeof TrainingSessionStateMachine.transitions;

export const ENROLLING_STATUSES: readonly TrainingSessionStatus[] = ['planned', 'in-progress'];
export const COMPLETING_STATUSES: readonly TrainingSessionStatus[] = ['in-progress', 'completed'];
