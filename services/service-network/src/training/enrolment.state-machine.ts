import { defineStateMachine } from '../common/state-machine';

/** A trainee's enrolment (报名): completed (结业) or withdrawn (退出); both final. */
export const EnrolmentStateMachine = defineStateMachine({
  label: '报名记录',
  states: { enrolled: '已报名', completed: '已结业', withdrawn: '已退出' },
  transitions: {
    enrolled: ['completed', 'withdrawn'],
    completed: [],
    withdrawn: [],
  },
});

export type EnrolmentStatus = keyof typeof EnrolmentStateMachine.transitions;
