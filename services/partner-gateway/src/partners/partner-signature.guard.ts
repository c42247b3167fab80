import { BadRequestException, Inject, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GatewayMetrics } from '../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { isPartnerId, PARTNER_IDS, sourceOf, type AuthenticatedPartner } from './partner';
import { checkTimestamp, verifySignature, WEBHOOK_ID } from './webhook-signature';

export interface PartnerHttpRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  ip?: string;
  id?: string;
  partner?: AuthenticatedPartner;
}

const header = (req: PartnerHttpRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Authenticates a partner request (the route is @Public() for the people
 * guard): `x-partner-id` selects the credentials; `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` are checked the Standard
 * Webhooks way over the RAW body bytes. Every refusal is 401 with a `code`,
 * logged and counted. The replay check (webhook-id already used) is made in
 * the handler's transaction, where it is atomic with the batch's effects.
 */
@Injectable()
export class PartnerSignatureGuard implements CanActivate {
  private readonly logger = new Logger('PartnerSignatureGuard');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<PartnerHttpRequest>();
    const claimed = header(req, 'x-partner-id');
    const partner = isPartnerId(claimed) ? claimed : undefined;
    const refuse = (code: string, message: string): never => {
      this.metrics.refused.inc({ partner: partner ?? 'unknown', reason: code });
      this.logger.warn(`partner request refused: ${code}: ${message} (partner ${partner ?? 'unknown'}, webhook-id ${header(req, 'webhook-id') ?? '-'}, ip ${req.ip ?? '-'})`);
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', code, message });
    };

    if (!partner) return refuse('unknown_partner', `x-partner-id must be one of ${PARTNER_IDS.join(', ')}`);
    const secrets = this.config.partners.secrets.get(partner);
    if (!secrets?.length) return refuse('unknown_partner', `no credentials are configured for ${partner}`);
    const webhookId = header(req, 'webhook-id');
    const timestampHeader = header(req, 'webhook-timestamp');
    const signature = header(req, 'webhook-signature');
    if (!webhookId || !timestampHeader || !signature) return refuse('missing_signature', 'webhook-id, webhook-timestamp and webhook-signature headers are required');
    if (!WEBHOOK_ID.test(webhookId)) return refuse('invalid_webhook_id', 'webhook-id must be 1–128 letters, digits, ".", "_", ":" or "-"');
    const timestamp = checkTimestamp(timestampHeader, Date.now(), this.config.limits.timestampToleranceS);
    if (!timestamp.ok) return refuse('stale_timestamp', timestamp.reason);
    if (!Buffer.isBuffer(req.body)) {
      this.metrics.refused.inc({ partner, reason: 'missing_body' });
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'missing_body', message: 'the body must be a JSON batch sent as application/json' });
    }
    const valid = verifySignature(
      secrets.map((s) => s.reveal()),
      webhookId,
      timestampHeader,
      req.body,
      signature,
    );
    if (!valid) return refuse('bad_signature', 'no webhook-signature entry matches the body under this partner’s secrets');
    req.partner = { id: partner, source: sourceOf(partner), webhookId, webhookTimestamp: timestamp.timestamp };
    return true;
  }
}
