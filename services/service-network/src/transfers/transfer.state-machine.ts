import { defineStateMachine } from '../common/state-machine';

/**
 * 成果转化: an achievement offered for transfer (candidate) gets a receiving
 * park or company (matching), the parties negotiate, and it lands with a
 * contract or is abandoned. Abandoning is possible at any open stage because
 * an owner can withdraw an offer or a receiver can walk away at any time;
 * landed and abandoned are final (a correction is a new record, so the
 * emitted "transferred" fact is never silently contradicted).
 */
export const TransferStateMachine = defineStateMachine({
  label: '成果转化项目',
  states: { candidate: '候选', matching: '对接中', negotiating: '洽谈中', landed: '已落地', abandoned: '已终止' },
  transitions: {
    candidate: ['matching', 'abandoned'],
    matching: ['negotiating', 'abandoned'],
    negotiating: ['landed', 'abandoned'],
    landed: [],
    abandoned: [],
  },
});

export type TransferStatus = keyof typeof TransferStateMachine.transitions;
