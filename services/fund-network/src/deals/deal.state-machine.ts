/**
 * Deal pipeline (投资项目管道):
 *
 *   opportunity ─► due-diligence ─► investment-committee ─► invested
 *        │               │                   │
 *        └───────────────┴───────────────────┴──► declined (with a reason)
 *
 * No skipping: an investment committee (投决会) never sees a deal without due
 * diligence, and only the committee's yes makes an investment.
 */
import type { Label } from '@tjc/contracts';
import { transitionTable } from '../shared/transitions.state-machine';

export const DEAL_STAGES = ['opportunity', 'due-diligence', 'investment-committee', 'invested', 'declined'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const DEAL_STAGE_LABELS: Record<DealStage, Label> = {
  opportunity: { zh: '投资机会', en: 'Opportunity' },
  'due-diligence': { zh: '尽职调查', en: 'Due diligence' },
  'investment-committee': { zh: '投资决策委员会', en: 'Investment committee' },
  invested: { zh: '已投资', en: 'Invested' },
  declined: { zh: '已放弃', en: 'Declined' },
};

export const dealLifecycle = transitionTable<DealStage>({
  opportunity: ['due-diligence', 'declined'],
  'due-diligence': ['investment-committee', 'declined'],
  'investment-committee': ['invested', 'declined'],
  invested: [],
  declined: [],
});

/** The stages a coordinator moves a deal to with "advance" (the others need their own data). */
export const ADVANCE_TARGETS = ['due-diligence', 'investment-committee'] as const satisfies readonly DealStage[];

export function isDealStage(value: string): value is DealStage {
  return (DEAL_STAGES as readonly string[]).includes(value);
}
