import { Inject, Injectable } from '@nestjs/common';
import { isPartnerSource, type ContractIssue, type PlatformEvent } from '@tjc/contracts';
import { addToOutbox, appendAudit, type ReliableEventContext } from '@tjc/runtime';
import { GatewayMetrics } from '../../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../../common/tokens';
import type { GatewayConfig } from '../../config';
import type { Prisma } from '../../generated/prisma/client';
import { isGranted } from '../../partners/grants';
import { checkKafkaOrigin } from '../../partners/kafka-origin';
import { futureTimeIssue, regionIssue, type QuarantineKind } from '../receive-batch/receive-batch.command';
import type { PartnerId } from '../../partners/partner';
import type { Tx } from '../../prisma.service';
import { withTraceContext } from '../trace-context';

export type InboundOutcome = 'accepted' | 'duplicate' | 'rejected';

/**
 * One event a partner produced directly to tjc.partner.inbound.v1. The
 * runtime has already validated it against the contracts (including that
 * its source may publish its type) and dead-lettered it otherwise; the
 * quarantine sweep picks those up. Here: the source must be a partner (a
 * platform service's source on the partner topic is impersonation) and the
 * type granted to it; then it is recorded like an HTTP-accepted event and
 * staged in the outbox for its domain topic, all in the consumer's
 * transaction. A resend of an id already received, over HTTP or Kafka, is
 * a duplicate and is not republished.
 *
 * Identity on this path: the SASL/SCRAM principal and the broker's ACLs in
 * production (docs/partners.md), and — holding even without them — each
 * message's signature with the secret of the partner its `source` names
 * (partners/kafka-origin.ts). An unsigned or wrongly signed message is
 * quarantined, never published.
 */
@Injectable()
export class ConsumeInboundHandler {
  constructor(
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async handle(event: PlatformEvent, ctx: ReliableEventContext<Tx>): Promise<InboundOutcome> {
    const tx = ctx.tx;
    const at = `${ctx.coordinates.topic}/${ctx.coordinates.partition}@${ctx.coordinates.offset}`;
    const partner = isPartnerSource(event.source) ? (event.source.slice('partner/'.length) as PartnerId) : undefined;
    const future = futureTimeIssue(event.time, { nowMs: Date.now(), maxFutureS: this.config.limits.maxFutureS }) ?? regionIssue(event.source, event.region);
    const origin = partner ? checkKafkaOrigin(ctx.headers, ctx.rawValue, event.id, this.config.partners.secrets.get(partner)?.map((secret) => secret.reveal())) : undefined;
    const refusal: { kind: QuarantineKind; issue: ContractIssue } | undefined = !partner
      ? { kind: 'impersonation', issue: { path: 'source', rule: 'impersonation', message: `${event.source} is not a partner; only partners produce to the partner inbound topic` } }
      : origin && !origin.ok
        ? { kind: origin.kind, issue: origin.issue }
        : !isGranted(this.config.partners.grants, partner, event.type)
          ? { kind: 'not_granted', issue: { path: 'type', rule: 'not_granted', message: `${event.source} is not granted ${event.type}` } }
          : future
            ? { kind: 'invalid_event', issue: future }
            : undefined;

    if (refusal) {
      const raw = JSON.stringify(event);
      await tx.quarantine.create({
        data: {
          partner: partner ?? 'unknown',
          channel: 'kafka',
          eventId: event.id,
          eventType: event.type,
          kind: refusal.kind,
          issues: [refusal.issue] as unknown as Prisma.InputJsonValue,
          raw,
          rawBytes: Buffer.byteLength(raw),
        },
      });
      this.metrics.events.inc({ partner: partner ?? 'unknown', channel: 'kafka', outcome: 'rejected' });
      return 'rejected';
    }

    const inserted = await tx.partnerEvent.createMany({
      data: [{ source: event.source, eventId: event.id, type: event.type, subject: event.subject, channel: 'kafka', kafkaAt: at, event: event as unknown as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      this.metrics.events.inc({ partner: partner!, channel: 'kafka', outcome: 'duplicate' });
      return 'duplicate';
    }
    // Continues the trace of this consumer span (itself continuing the partner's producer, if it sent a traceparent).
    await addToOutbox(tx, [withTraceContext(event)]);
    await appendAudit(tx, { actor: `event:${event.source}`, action: 'partner.event.accepted', entityType: 'partner-event', entityId: `${event.source}/${event.id}`, eventId: event.id, detail: { type: event.type, channel: 'kafka', at } });
    this.metrics.events.inc({ partner: partner!, channel: 'kafka', outcome: 'accepted' });
    return 'accepted';
  }
}
