import { defineStateMachine } from '../common/state-machine';

/** 活动: planned, then held (emits "activity held", counted in the KPI) or cancelled. */
export const ActivityStateMachine = defineStateMachine({
  label: '活动',
  states: { planned: '计划中', held: '已举办', cancelled: '已取消' },
  transitions: {
    planned: ['held', 'cancelled'],
    held: [],
    cancelled: [],
  },
});

export type ActivityStatus = keyof typeof ActivityStateMachine.transitions;
