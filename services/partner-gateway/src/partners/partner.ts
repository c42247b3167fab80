import { PARTNER_SOURCES, type PartnerSource } from '@tjc/contracts';

/**
 * A partner system, named by the part of its `source` after `partner/`:
 * `beijing-hq`, `hebei-center`, `xiongan-center`. The id is what the partner
 * sends in `x-partner-id` and what keys its credentials, grants and limits.
 */
export type PartnerId = PartnerSource extends `partner/${infer Id}` ? Id : never;

export const PARTNER_IDS = PARTNER_SOURCES.map((s) => s.slice('partner/'.length)) as [PartnerId, ...PartnerId[]];

export function sourceOf(partner: PartnerId): PartnerSource {
  return `partner/${partner}` as PartnerSource;
}

export function isPartnerId(value: unknown): value is PartnerId {
  return typeof value === 'string' && (PARTNER_IDS as readonly string[]).includes(value);
}

/** The authenticated partner of a request, set by PartnerSignatureGuard. */
export interface AuthenticatedPartner {
  readonly id: PartnerId;
  readonly source: PartnerSource;
  readonly webhookId: string;
  readonly webhookTimestamp: number;
}
