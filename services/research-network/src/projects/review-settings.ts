/** The center's review settings, from configuration (REVIEW_PASS_SCORE). */
export interface ReviewSettings {
  readonly passScore: number;
}
export const REVIEW_SETTINGS = Symbol('REVIEW_SETTINGS');
