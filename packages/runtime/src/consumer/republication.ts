/**
 * Partners re-publish their records (a corrected project, a re-listed
 * achievement, a re-reported consortium), and Kafka keeps order only per key
 * and per path: a May version can arrive after the June one (a resend, the
 * other ingress path, a replay). A re-publication replaces what a service
 * holds only when its business time is not older than the version held;
 * an older one is recorded (audit `<entity>.partner-update-skipped`) and
 * skipped (#18.13). Equal times are applied: a partner correcting a fact
 * without changing its time sends the same time again.
 */
export interface StaleRepublication {
  readonly reason: 'older-than-held';
  /** Business time of the version the record holds. */
  readonly held: string;
  /** Business time of the re-publication that was skipped. */
  readonly sent: string;
}

/** The skip record when `sentTime` is older than `heldAt`; undefined when the re-publication applies. */
export function staleRepublication(heldAt: Date | null | undefined, sentTime: string | Date): StaleRepublication | undefined {
  if (heldAt === null || heldAt === undefined) return undefined;
  const sent = new Date(sentTime);
  return sent.getTime() < heldAt.getTime() ? { reason: 'older-than-held', held: heldAt.toISOString(), sent: sent.toISOString() } : undefined;
}
