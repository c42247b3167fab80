/**
 * 专项资金 (services/service-network funding/funding-application.state-machine.ts):
 * applied → reviewed (expert review) → granted | declined. A decision needs a
 * review first; granted and declined are final.
 */
export const FUNDING_STATUSES = ['applied', 'reviewed', 'granted', 'declined'] as const;

/** What the console offers for an application: exactly the transitions the API lists as allowed now. */
export function fundingActions(allowedTransitions: readonly string[]): { review: boolean; grant: boolean; decline: boolean } {
  return { review: allowedTransitions.includes('reviewed'), grant: allowedTransitions.includes('granted'), decline: allowedTransitions.includes('declined') };
}

/**
 * The review score the service will store: the mean of the experts' integer
 * scores to two decimals, computed in hundredths as the service does
 * (reviewScoreOf), so the preview in the form is the figure that will be
 * recorded. Undefined while no complete score is entered.
 */
export function reviewScorePreview(scores: readonly (number | null | undefined)[]): string | undefined {
  const valid = scores.filter((s): s is number => typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= 100);
  if (valid.length === 0 || valid.length !== scores.length) return undefined;
  const sum = valid.reduce((a, b) => a + b, 0);
  const hundredths = Math.round((sum * 100) / valid.length);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
