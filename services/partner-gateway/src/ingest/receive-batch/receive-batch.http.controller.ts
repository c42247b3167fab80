import { Controller, HttpCode, HttpException, Inject, Post, Req, Res, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@tjc/auth';
import { GatewayMetrics } from '../../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../../common/tokens';
import type { GatewayConfig } from '../../config';
import { PartnerSignatureGuard, type PartnerHttpRequest } from '../../partners/partner-signature.guard';
import { RateLimited, RateLimiter } from '../../rate-limit/rate-limiter.service';
import { decodeBatch, type BatchResult } from './receive-batch.command';
import { ReceiveBatchHandler } from './receive-batch.handler';

interface ReplyHeaders {
  header(name: string, value: string): unknown;
}

/**
 * The partner ingress. Authentication is the request signature, not a
 * person's token: @Public() for the people guard, PartnerSignatureGuard for
 * the partner. 200 answers a processed batch even when some events were
 * rejected: the outcome of each event is in `results`.
 */
@ApiTags('partner')
@Controller('partner/v1')
export class ReceiveBatchHttpController {
  constructor(
    private readonly handler: ReceiveBatchHandler,
    private readonly rateLimiter: RateLimiter,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @UseGuards(PartnerSignatureGuard)
  @Post('events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a signed batch of events (see docs/partners.md)', description: 'Body: { "events": [ <CloudEvents envelope>, … ] }, at most 500 events and 1 MiB. Answer: the outcome of each event.' })
  @ApiHeader({ name: 'x-partner-id', required: true, description: 'beijing-hq | hebei-center | xiongan-center' })
  @ApiHeader({ name: 'webhook-id', required: true, description: 'Unique per request' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; within 300 s of the server clock' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: 'v1,<base64 HMAC-SHA256> [v1,<…>]' })
  async receive(@Req() req: PartnerHttpRequest, @Res({ passthrough: true }) reply: ReplyHeaders): Promise<BatchResult> {
    const partner = req.partner!;
    const body = req.body as Buffer;
    const decoded = decodeBatch(body, this.config.limits);
    try {
      await this.rateLimiter.charge(partner.id, decoded.ok ? decoded.events.length : 0);
    } catch (error) {
      if (error instanceof RateLimited) {
        reply.header('retry-after', String(error.retryAfterS));
        this.metrics.refused.inc({ partner: partner.id, reason: 'rate_limited' });
      } else if (error instanceof ServiceUnavailableException) {
        reply.header('retry-after', '5');
        this.metrics.refused.inc({ partner: partner.id, reason: 'rate_limiter_unavailable' });
      }
      throw error;
    }
    const outcome = await this.handler.execute({ partner, body, requestId: req.id }, decoded);
    if (!outcome.ok) {
      const { status, kind, message } = outcome.refusal;
      throw new HttpException({ statusCode: status, error: status === 413 ? 'Payload Too Large' : 'Bad Request', code: kind, message, quarantineId: outcome.quarantineId }, status);
    }
    return outcome.result;
  }
}
